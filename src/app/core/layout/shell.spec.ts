import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Session, type SessionUser } from '../auth/session';
import { Shell } from './shell';

class StubSession {
  readonly user = signal<SessionUser | null>(null);
  readonly status = computed(() => (this.user() ? 'signed-in' : 'signed-out'));
  readonly isAdmin = computed(() => this.user()?.role === 'admin');
  signOut = jasmine.createSpy('signOut').and.resolveTo();
}

describe('Shell', () => {
  let session: StubSession;

  beforeEach(() => {
    session = new StubSession();
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [provideRouter([]), { provide: Session, useValue: session }],
    });
  });

  function render(role: 'staff' | 'admin'): HTMLElement {
    session.user.set({ uid: 'u1', email: 'kim.lee@maestro.test', displayName: 'Kim Lee', role });
    const fixture = TestBed.createComponent(Shell);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const navLabels = (root: HTMLElement) =>
    Array.from(root.querySelectorAll('nav a [matListItemTitle]')).map((title) => title.textContent?.trim());

  it('shows staff the staff pages only', () => {
    const root = render('staff');
    expect(navLabels(root)).toEqual(['Orders', 'Kitchen', 'Expenses']);
    expect(root.textContent).not.toContain('Admin');
  });

  it('adds the admin pages under their own heading for admins', () => {
    const root = render('admin');
    expect(navLabels(root)).toContain('Activity');
    expect(navLabels(root)).toContain('Monitor');
    expect(root.querySelector('.nav-section')?.textContent).toBe('Admin');
  });

  it('shows who is signed in, with their initials; the button is named by the name it shows (WCAG 2.5.3)', () => {
    const root = render('staff');
    const button = root.querySelector('.user-button')!;
    expect(button.textContent).toContain('Kim Lee');
    expect(getComputedStyle(root.querySelector('.avatar')!, '::before').content).toBe('"KL"');
    expect(button.getAttribute('aria-label')).toBe('Kim Lee, account menu');
    expect(button.textContent?.replace(/expand_more/, '').trim()).withContext('no other words on it').toBe('Kim Lee');
  });
});

@Component({ template: 'a page', changeDetection: ChangeDetectionStrategy.OnPush })
class SomePage {}

describe('Shell layout', () => {
  /** The shell as the app routes it, over child pages (path → route data), signed in as `role`. */
  async function shellOver(pages: Record<string, Record<string, unknown>>, role: 'staff' | 'admin' = 'staff') {
    const session = new StubSession();
    session.user.set({ uid: 'u1', email: 'kim.lee@maestro.test', displayName: 'Kim Lee', role });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '', component: Shell, children: Object.entries(pages).map(([path, data]) => ({ path, component: SomePage, data })) }]),
        { provide: Session, useValue: session },
      ],
    });
    return RouterTestingHarness.create();
  }

  it('gives a route marked fullBleed (a wall screen) the whole width, and other pages the reading column', async () => {
    const harness = await shellOver({ wall: { fullBleed: true }, page: {} });
    const main = () => harness.routeNativeElement!.querySelector('main')!;
    await harness.navigateByUrl('/wall');
    expect(main().classList).toContain('full-bleed');
    await harness.navigateByUrl('/page');
    expect(main().classList).not.toContain('full-bleed');
  });

  it('hides the toolbar and the navigation on a route marked chrome: false, and brings them back on leaving it', async () => {
    const harness = await shellOver({ wall: { fullBleed: true, chrome: false }, page: {} });
    const root = () => harness.routeNativeElement!;
    // A closed drawer is hidden, so its links are out of the Tab order (the e2e tabs through it).
    const navOpen = () => root().querySelector('mat-sidenav')!.classList.contains('mat-drawer-opened');

    await harness.navigateByUrl('/wall');
    expect(root().querySelector('mat-toolbar')).toBeNull();
    expect(navOpen()).toBeFalse();
    expect(root().querySelectorAll('nav a').length).withContext('links nobody can reach are not drawn').toBe(0);
    expect(root().querySelector('main')!.textContent).toContain('a page');

    await harness.navigateByUrl('/page');
    expect(root().querySelector('mat-toolbar')).not.toBeNull();
    expect(root().querySelector('.user-button')?.textContent).toContain('Kim Lee');
    expect(Array.from(root().querySelectorAll('nav a [matListItemTitle]')).map((t) => t.textContent?.trim())).toContain('Orders');
  });

  it('marks the navigation item a page belongs to (navActive), and only that one', async () => {
    const harness = await shellOver({ 'reports/orders': { navActive: '/reports/sales' }, page: {} }, 'admin');
    const current = () =>
      Array.from(harness.routeNativeElement!.querySelectorAll('nav a.mdc-list-item--activated [matListItemTitle]')).map((t) => t.textContent?.trim());

    await harness.navigateByUrl('/reports/orders');
    expect(current()).toEqual(['Sales']);
    await harness.navigateByUrl('/page');
    expect(current()).toEqual([]);
  });
});
