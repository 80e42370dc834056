import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AdminUserSummary, UpdateTeamMemberRequest } from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { Notifier } from '../../core/notify/notifier';
import { confirm } from '../../shared/ui/confirm-dialog';
import { EmptyState } from '../../shared/ui/empty-state';
import { FormError } from '../../shared/ui/form-error';
import { PageHeader } from '../../shared/ui/page-header';
import { TeamApi } from '../data/team-api';
import { InviteDialog } from './invite-dialog';
import { InviteLinkDialog, type InviteLinkDialogData } from './invite-link-dialog';

/** When a role or disabled change reaches the member's browser: claims live in their ID token. */
export const TAKES_EFFECT_NOTE =
  'This takes effect the next time they open or reload Maestro (it fetches fresh permissions then), or within an hour.';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; users: AdminUserSummary[] };

/** `/team` (admins): the accounts with role, stations and status; invite, change role, disable. */
@Component({
  selector: 'app-team-page',
  imports: [PageHeader, EmptyState, FormError, MatButtonModule, MatIconModule, MatChipsModule, MatProgressBarModule],
  templateUrl: './team-page.html',
  styleUrl: './team-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamPage implements OnInit {
  private readonly api = inject(TeamApi);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(Session);
  private readonly notifier = inject(Notifier);

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly busyUid = signal<string | null>(null);
  protected readonly me = computed(() => this.session.user()?.uid ?? null);
  protected readonly note = TAKES_EFFECT_NOTE;
  protected readonly users = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.users : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `Could not load the team: ${state.message}` : null;
  });

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    this.state.set({ status: 'loading' });
    try {
      const users = await this.api.list();
      users.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
      this.state.set({ status: 'ready', users });
    } catch (error) {
      this.state.set({ status: 'error', message: messageOf(error) });
    }
  }

  protected nameOf = nameOf;
  protected roleLabel = roleLabel;
  protected statusLabel = statusLabel;
  protected roleAction = roleAction;

  invite(): void {
    const ref = this.dialog.open<InviteDialog, void, boolean>(InviteDialog, { autoFocus: 'first-tabbable' });
    ref.afterClosed().subscribe((created) => {
      if (created) void this.load();
    });
  }

  async toggleRole(user: AdminUserSummary): Promise<void> {
    if (user.role === null) return this.grantAccess(user);
    const role = user.role === 'admin' ? 'staff' : 'admin';
    const ok = await confirm(this.dialog, {
      title: role === 'admin' ? `Make ${nameOf(user)} an admin?` : `Make ${nameOf(user)} staff?`,
      message: `${role === 'admin' ? 'Admins manage the team, the activity log and the monitor.' : 'They lose admin pages.'} ${TAKES_EFFECT_NOTE}`,
      confirm: role === 'admin' ? 'Make admin' : 'Make staff',
    });
    if (ok) await this.change(user, { role });
  }

  /** An account that signed itself up has no role: it becomes staff only when an admin says so. */
  private async grantAccess(user: AdminUserSummary): Promise<void> {
    const ok = await confirm(this.dialog, {
      title: `Give ${nameOf(user)} access?`,
      message: `This account signed itself up and can see nothing yet. As staff it will see and change orders and expenses. ${TAKES_EFFECT_NOTE}`,
      confirm: 'Give access as staff',
    });
    if (ok) await this.change(user, { role: 'staff' });
  }

  async toggleDisabled(user: AdminUserSummary): Promise<void> {
    const disabled = !user.disabled;
    const ok = await confirm(this.dialog, {
      title: disabled ? `Disable ${nameOf(user)}?` : `Enable ${nameOf(user)}?`,
      message: disabled
        ? `They can no longer sign in; open sessions end at their next token refresh (within an hour). ${TAKES_EFFECT_NOTE}`
        : `They can sign in again. ${TAKES_EFFECT_NOTE}`,
      confirm: disabled ? 'Disable' : 'Enable',
      destructive: disabled,
    });
    if (ok) await this.change(user, { disabled });
  }

  /** A member who has not joined yet (the link expired or got lost) gets a new link to send. */
  async newInviteLink(user: AdminUserSummary): Promise<void> {
    this.busyUid.set(user.uid);
    try {
      const signInLink = await this.api.newInviteLink(user.uid);
      const data: InviteLinkDialogData = { name: nameOf(user), signInLink };
      this.dialog.open(InviteLinkDialog, { data });
    } catch (error) {
      this.notifier.error(messageOf(error));
      // Joined meanwhile, or disabled: the list says so now.
      void this.load();
    } finally {
      this.busyUid.set(null);
    }
  }

  private async change(user: AdminUserSummary, change: UpdateTeamMemberRequest): Promise<void> {
    this.busyUid.set(user.uid);
    try {
      const updated = await this.api.update(user.uid, change);
      this.state.update((state) =>
        state.status === 'ready' ? { ...state, users: state.users.map((each) => (each.uid === updated.uid ? updated : each)) } : state,
      );
      // Our own claims changed: a fresh token makes the SPA (role, admin pages) follow at once.
      if (updated.uid === this.me()) await this.session.idToken(true);
      this.notifier.info(`${nameOf(updated)} updated. ${TAKES_EFFECT_NOTE}`);
    } catch (error) {
      this.notifier.error(messageOf(error));
    } finally {
      this.busyUid.set(null);
    }
  }
}

function nameOf(user: AdminUserSummary): string {
  return user.displayName || user.email || user.uid;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : 'Could not load the team. Try again.';
}

function statusLabel(user: AdminUserSummary): string {
  if (user.disabled) return 'Disabled';
  return user.invitePending ? 'Invited, no password yet' : 'Active';
}

function roleLabel(role: AdminUserSummary['role']): string {
  return role === 'admin' ? 'Admin' : role === 'staff' ? 'Staff' : 'No access';
}

function roleAction(role: AdminUserSummary['role']): string {
  return role === 'admin' ? 'Make staff' : role === 'staff' ? 'Make admin' : 'Give access';
}
