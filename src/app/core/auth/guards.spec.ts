import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Notifier } from '../notify/notifier';
import { adminGuard, outsiderGuard, signedInGuard, signedOutGuard } from './guards';
import { Session, type OutsiderAccount, type SessionUser } from './session';

@Component({ template: 'page', changeDetection: ChangeDetectionStrategy.OnPush })
class Page {}

/** A session whose user the spec sets: the guards' decisions are pure logic over it. */
class StubSession {
  readonly user = signal<SessionUser | null>(null);
  readonly outsider = signal<OutsiderAccount | null>(null);
  readonly isAdmin = () => this.user()?.role === 'admin';
  ready = () => Promise.resolve();
}

describe('route guards', () => {
  let session: StubSession;
  let errors: string[];

  beforeEach(() => {
    session = new StubSession();
    errors = [];
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: session },
        { provide: Notifier, useValue: { error: (m: string) => errors.push(m), info: () => undefined } },
        provideRouter([
          { path: 'sign-in', component: Page, canActivate: [signedOutGuard] },
          { path: 'no-access', component: Page, canActivate: [outsiderGuard] },
          { path: 'orders', component: Page, canActivate: [signedInGuard] },
          { path: 'expenses', component: Page, canActivate: [signedInGuard] },
          { path: 'activity', component: Page, canActivate: [signedInGuard, adminGuard], data: { label: 'Activity' } },
        ]),
      ],
    });
  });

  const user = (role: 'staff' | 'admin'): SessionUser => ({ uid: 'u1', email: 'u@x.test', displayName: 'U', role });

  it('sends a signed-out visitor to sign-in, remembering where they were going', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/expenses');
    expect(TestBed.inject(Router).url).toBe('/sign-in?returnUrl=%2Fexpenses');
  });

  it('lets a signed-in user in', async () => {
    session.user.set(user('staff'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/expenses');
    expect(TestBed.inject(Router).url).toBe('/expenses');
  });

  it('sends staff away from an admin page to the order board and says why', async () => {
    session.user.set(user('staff'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/activity');
    expect(TestBed.inject(Router).url).toBe('/orders');
    expect(errors).toEqual(['Activity is for admins only. Ask an admin if you need access.']);
  });

  it('lets an admin open an admin page', async () => {
    session.user.set(user('admin'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/activity');
    expect(TestBed.inject(Router).url).toBe('/activity');
    expect(errors).toEqual([]);
  });

  it('skips the sign-in page for someone already signed in', async () => {
    session.user.set(user('staff'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/sign-in');
    expect(TestBed.inject(Router).url).toBe('/orders');
  });

  describe('a signed-in account that is not a member', () => {
    beforeEach(() => session.outsider.set({ uid: 'x1', email: 'mallory@example.com' }));

    for (const url of ['/orders', '/expenses', '/activity', '/sign-in']) {
      it(`is sent from ${url} to the no-access page, never into the shell`, async () => {
        const harness = await RouterTestingHarness.create();
        await harness.navigateByUrl(url);
        expect(TestBed.inject(Router).url).toBe('/no-access');
      });
    }
  });

  it('keeps members and visitors off the no-access page', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/no-access');
    expect(TestBed.inject(Router).url).toBe('/sign-in');
    session.user.set(user('staff'));
    await harness.navigateByUrl('/no-access');
    expect(TestBed.inject(Router).url).toBe('/orders');
  });
});
