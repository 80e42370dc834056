import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { NoAccessPage } from './no-access-page';
import { Session, type OutsiderAccount } from './session';

/** The page's decisions over a session the spec steers: Firebase itself is covered by session.spec. */
class StubSession {
  readonly outsider = signal<OutsiderAccount | null>({ uid: 'x1', email: 'mallory@example.com' });
  membership: boolean | Error = false;
  signedOut = false;
  recheckMembership = () => (this.membership instanceof Error ? Promise.reject(this.membership) : Promise.resolve(this.membership));
  signOut = () => {
    this.signedOut = true;
    return Promise.resolve();
  };
}

describe('NoAccessPage', () => {
  let session: StubSession;
  let navigated: string[];

  async function render() {
    session = new StubSession();
    navigated = [];
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: Session, useValue: session }] });
    spyOn(TestBed.inject(Router), 'navigateByUrl').and.callFake((url) => {
      navigated.push(String(url));
      return Promise.resolve(true);
    });
    const fixture = TestBed.createComponent(NoAccessPage);
    await fixture.whenStable();
    return fixture;
  }
  const button = (el: HTMLElement, name: string) => [...el.querySelectorAll('button')].find((b) => b.textContent?.includes(name))!;

  it('says which account is signed in and that an admin must give it access', async () => {
    const el: HTMLElement = (await render()).nativeElement;
    expect(el.querySelector('h1')?.textContent).toBe('No access to this workspace');
    expect(el.textContent).toContain('mallory@example.com');
    expect(el.textContent).toContain('Ask an admin to invite you');
  });

  it('stays and says so when a fresh token still has no role', async () => {
    const fixture = await render();
    button(fixture.nativeElement, 'Check again').click();
    await fixture.whenStable();
    expect(navigated).toEqual([]);
    expect(fixture.nativeElement.querySelector('[role="status"]')?.textContent).toContain('Still no access');
  });

  it('goes to the order board once an admin has given access', async () => {
    const fixture = await render();
    session.membership = true;
    button(fixture.nativeElement, 'Check again').click();
    await fixture.whenStable();
    expect(navigated).toEqual(['/orders']);
  });

  it('says the sign-in service could not be reached, instead of failing silently', async () => {
    const fixture = await render();
    session.membership = new Error('network');
    button(fixture.nativeElement, 'Check again').click();
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role="status"]')?.textContent).toContain('could not reach the sign-in service');
  });

  it('signs out and returns to sign-in for another account', async () => {
    const fixture = await render();
    button(fixture.nativeElement, 'Sign in with another account').click();
    await fixture.whenStable();
    expect(session.signedOut).toBeTrue();
    expect(navigated).toEqual(['/sign-in']);
  });
});
