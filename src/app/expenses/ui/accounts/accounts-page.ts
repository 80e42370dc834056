import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Subject, catchError, map, of, startWith } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { Notifier } from '../../../core/notify/notifier';
import { EmptyState } from '../../../shared/ui/empty-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { AccountsCommands } from '../../data/accounts-commands';
import { totalsByCurrency } from '../../data/balances';
import { BalancesRepository, type AccountBalance } from '../../data/balances-repository';
import { duplicateAccounts, type DuplicateGroup } from '../../model/duplicate-names';
import { DuplicateNames } from '../duplicate-names';
import { MergeDialog, type MergeDialogData } from '../merge-dialog';
import { AccountCard } from './account-card';
import { EditAccountDialog } from './edit-account-dialog';
import { formatWithCode } from './money-format';
import { NewAccountDialog } from './new-account-dialog';

type AccountsView = { state: 'loading' } | { state: 'ready'; accounts: AccountBalance[] } | { state: 'error'; message: string };

@Component({
  selector: 'app-accounts-page',
  imports: [PageHeader, EmptyState, AccountCard, DuplicateNames, MatButtonModule, MatIconModule, MatProgressBarModule, MatSlideToggleModule],
  templateUrl: './accounts-page.html',
  styleUrl: './accounts-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountsPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly snackBar = inject(MatSnackBar);
  private readonly commands = inject(AccountsCommands);
  private readonly session = inject(Session);
  private readonly retry$ = new Subject<void>();
  protected readonly formatWithCode = formatWithCode;
  protected readonly showArchived = signal(false);

  protected readonly accounts = toSignal(
    inject(BalancesRepository)
      .watchBalances(this.retry$)
      .pipe(
        map((accounts): AccountsView => ({ state: 'ready', accounts })),
        startWith<AccountsView>({ state: 'loading' }),
        catchError(() => of<AccountsView>({ state: 'error', message: 'Accounts could not be loaded. Reload the page to try again.' })),
      ),
    { requireSync: true },
  );

  protected readonly visible = computed(() => {
    const view = this.accounts();
    if (view.state !== 'ready') return [];
    return this.showArchived() ? view.accounts : view.accounts.filter((account) => !account.archived);
  });
  protected readonly archivedCount = computed(() => {
    const view = this.accounts();
    return view.state === 'ready' ? view.accounts.filter((account) => account.archived).length : 0;
  });
  /** Names shared from before they were unique, for admins to sort out (archived accounts too). */
  protected readonly duplicates = computed(() => {
    const view = this.accounts();
    return view.state === 'ready' && this.session.isAdmin() ? duplicateAccounts(view.accounts) : [];
  });
  /** Per currency over the accounts on screen; currencies are never converted or added together. */
  protected readonly totals = computed(() => totalsByCurrency(this.visible()));

  protected retryBalances(): void {
    this.retry$.next();
  }

  protected newAccount(): void {
    this.dialog
      .open(NewAccountDialog, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((name?: string) => {
        if (name) this.notifier.info(`Account “${name}” created.`);
      });
  }

  protected renameDuplicate(accountId: string): void {
    const view = this.accounts();
    const account = view.state === 'ready' ? view.accounts.find((a) => a.id === accountId) : undefined;
    if (account) this.edit(account);
  }

  /** Each choice says what tells it apart: its type, whether archived, its balance. */
  protected mergeDuplicates(group: DuplicateGroup): void {
    const view = this.accounts();
    const byId = new Map(view.state === 'ready' ? view.accounts.map((a) => [a.id, a]) : []);
    const items = group.items.map((item) => {
      const account = byId.get(item.id);
      const balance = account?.balance.state === 'ready' ? ` · balance ${formatWithCode(account.balance.balanceMinor, account.currency)}` : '';
      return { ...item, label: `${account?.name ?? item.label} · ${item.detail.replace(/^\d+ · /, '')}${balance}` };
    });
    const data: MergeDialogData = { kind: 'account', group: { ...group, items } };
    this.dialog
      .open(MergeDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((message?: string) => {
        if (message) this.notifier.info(message);
      });
  }

  protected edit(account: AccountBalance): void {
    this.dialog
      .open(EditAccountDialog, { data: account, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((name?: string) => {
        if (name) this.notifier.info(`Account “${name}” saved.`);
      });
  }

  protected async setArchived(account: AccountBalance, archived: boolean, undoable = true): Promise<void> {
    const outcome = await this.commands.update(account.id, { archived });
    if (!outcome.ok) {
      this.notifier.error(outcome.message);
      return;
    }
    const message = archived ? `“${account.name}” archived: it no longer shows when choosing an account.` : `“${account.name}” is back in use.`;
    if (!undoable) {
      this.notifier.info(message);
      return;
    }
    this.snackBar
      .open(message, 'Undo', { duration: 8000, politeness: 'polite' })
      .onAction()
      .subscribe(() => void this.setArchived(account, !archived, false));
  }
}
