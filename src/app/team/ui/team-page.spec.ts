import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { AdminUserSummary, UpdateTeamMemberRequest } from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { ApiRequestError } from '../../core/http/api-error-message';
import { Notifier } from '../../core/notify/notifier';
import { TeamApi } from '../data/team-api';
import { TeamPage } from './team-page';

const member = (uid: string, overrides: Partial<AdminUserSummary> = {}): AdminUserSummary => ({
  uid,
  email: `${uid}@maestro.test`,
  displayName: uid[0].toUpperCase() + uid.slice(1),
  role: 'staff',
  disabled: false,
  ...overrides,
});

class FakeTeamApi {
  lists: (AdminUserSummary[] | Error)[] = [];
  updates: [string, UpdateTeamMemberRequest][] = [];
  updateError: Error | null = null;
  inviteLinks: (string | Error)[] = [];
  newInviteLink = (uid: string) => {
    const next = this.inviteLinks.shift() ?? new Error(`no link for ${uid}`);
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  list = () => {
    const next = this.lists.shift() ?? [];
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  update = (uid: string, change: UpdateTeamMemberRequest) => {
    this.updates.push([uid, change]);
    if (this.updateError) return Promise.reject(this.updateError);
    return Promise.resolve({ ...member(uid), ...change } as AdminUserSummary);
  };
}

describe('TeamPage', () => {
  let fixture: ComponentFixture<TeamPage>;
  let api: FakeTeamApi;
  let notified: string[];
  let refreshed: boolean[];

  async function open(lists: (AdminUserSummary[] | Error)[]) {
    api = new FakeTeamApi();
    api.lists = lists;
    notified = [];
    refreshed = [];
    TestBed.configureTestingModule({
      providers: [
        { provide: TeamApi, useValue: api },
        { provide: Notifier, useValue: { info: (m: string) => notified.push(m), error: (m: string) => notified.push(m) } },
        {
          provide: Session,
          useValue: { user: signal({ uid: 'boss', email: 'boss@maestro.test', displayName: 'Boss', role: 'admin' }), idToken: (force: boolean) => Promise.resolve(refreshed.push(force) && 'token') },
        },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(TeamPage);
    fixture.detectChanges();
    await settle();
  }
  async function settle() {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    }
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent?.replace(/\s+/g, ' ') ?? '';
  const rows = () => [...el().querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()));
  const byLabel = (name: string) => el().querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  async function confirmDialog(answer: string) {
    const overlayButton = [...document.querySelectorAll<HTMLButtonElement>('.cdk-overlay-container button')].find((b) => b.textContent?.trim() === answer)!;
    overlayButton.click();
    await settle();
  }

  it('lists each member with role, stations and status; no actions on your own row', async () => {
    await open([[member('zoe', { stations: ['grill', 'bar'], disabled: true }), member('boss', { role: 'admin' })]]);
    expect(rows()).toEqual([
      ['Boss (you)', 'boss@maestro.test', 'Admin', '—', 'Active', 'Another admin can change your role.'],
      ['Zoe', 'zoe@maestro.test', 'Staff', 'grill, bar', 'Disabled', 'Make admin Enable'],
    ]);
    expect(byLabel('Make admin: Zoe')).not.toBeNull();
    expect(byLabel('Enable: Zoe')).not.toBeNull();
    expect(byLabel('Disable: Boss')).toBeNull();
    expect(text()).toContain('takes effect the next time they open or reload Maestro');
  });

  it('shows why loading failed and loads again on Try again', async () => {
    await open([new ApiRequestError(403, 'forbidden', 'This needs an administrator account.'), [member('zoe')]]);
    expect(el().querySelector('[role="alert"]')?.textContent).toContain('Could not load the team: This needs an administrator account.');
    [...el().querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Try again')!.click();
    await settle();
    expect(rows().length).toBe(1);
    expect(el().querySelector('[role="alert"]')).toBeNull();
  });

  it('shows the empty state when there is nobody to list', async () => {
    await open([[]]);
    expect(text()).toContain('No team members yet');
    expect(el().querySelector('table')).toBeNull();
  });

  it('changes a role only after confirming, and updates the row', async () => {
    await open([[member('zoe')]]);
    byLabel('Make admin: Zoe')!.click();
    await settle();
    expect(document.querySelector('.cdk-overlay-container')?.textContent).toContain('Make Zoe an admin?');
    await confirmDialog('Cancel');
    expect(api.updates).toEqual([]);

    byLabel('Make admin: Zoe')!.click();
    await settle();
    await confirmDialog('Make admin');
    expect(api.updates).toEqual([['zoe', { role: 'admin' }]]);
    expect(rows()[0][2]).toBe('Admin');
    expect(byLabel('Make staff: Zoe')).not.toBeNull();
    expect(refreshed).toEqual([], 'another member: our own token is left alone');
  });

  it('lists an account that signed itself up as having no access, and makes it staff only after confirming', async () => {
    await open([[member('mallory', { role: null })]]);
    expect(rows()[0][2]).toBe('No access');
    byLabel('Give access: Mallory')!.click();
    await settle();
    expect(document.querySelector('.cdk-overlay-container')?.textContent).toContain('Give Mallory access?');
    await confirmDialog('Cancel');
    expect(api.updates).toEqual([]);

    byLabel('Give access: Mallory')!.click();
    await settle();
    await confirmDialog('Give access as staff');
    expect(api.updates).toEqual([['mallory', { role: 'staff' }]]);
    expect(rows()[0][2]).toBe('Staff');
    expect(byLabel('Make admin: Mallory')).not.toBeNull();
  });

  it('disables after confirming; a refusal from the API is shown and the row is unchanged', async () => {
    await open([[member('zoe')]]);
    api.updateError = new ApiRequestError(409, 'self_protected', 'You cannot demote or disable your own account.');
    byLabel('Disable: Zoe')!.click();
    await settle();
    await confirmDialog('Disable');
    expect(api.updates).toEqual([['zoe', { disabled: true }]]);
    expect(notified).toEqual(['You cannot demote or disable your own account.']);
    expect(rows()[0][4]).toBe('Active');
  });

  it('offers a member who has not chosen a password a new invite link, shown to copy', async () => {
    await open([[member('lou', { invitePending: true }), member('zoe')]]);
    expect(rows()[0][4]).toBe('Invited, no password yet');
    expect(rows()[1][4]).toBe('Active');
    expect(byLabel('New invite link: Zoe')).toBeNull();
    api.inviteLinks = ['http://127.0.0.1:4200/welcome?oobCode=fresh'];
    byLabel('New invite link: Lou')!.click();
    await settle();
    const dialog = document.querySelector('.cdk-overlay-container')!;
    expect(dialog.textContent).toContain('A new link for Lou');
    expect(dialog.textContent).toContain('An earlier link keeps working until it expires');
    expect(dialog.querySelector('input')?.value).toBe('http://127.0.0.1:4200/welcome?oobCode=fresh');
  });

  it('says why no link was made (joined meanwhile) and lists the team again', async () => {
    await open([[member('lou', { invitePending: true })], [member('lou')]]);
    api.inviteLinks = [new ApiRequestError(409, 'already_joined', 'Lou has chosen a password already, so an invite link would change nothing; they sign in with it.')];
    byLabel('New invite link: Lou')!.click();
    await settle();
    expect(notified).toEqual(['Lou has chosen a password already, so an invite link would change nothing; they sign in with it.']);
    expect(rows()[0][4]).toBe('Active');
    expect(byLabel('New invite link: Lou')).toBeNull();
  });

  it('offers no link to a disabled member (the link would not let them in)', async () => {
    await open([[member('lou', { invitePending: true, disabled: true })]]);
    expect(rows()[0][4]).toBe('Disabled');
    expect(byLabel('New invite link: Lou')).toBeNull();
  });
});
