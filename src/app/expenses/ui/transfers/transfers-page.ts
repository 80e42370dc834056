import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { Notifier } from '../../../core/notify/notifier';
import { confirm } from '../../../shared/ui/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { TransferCommands } from '../../data/ledger-commands';
import { TransfersRepository, type Transfer } from '../../data/transfers-repository';
import { formatMoney } from '../../../shared/money';
import { LedgerAuthority } from '../ledger-authority';
import { TransferDialog } from './transfer-dialog';

const PAGE = 50;

type TransfersView =
  | { state: 'loading' }
  | { state: 'ready'; transfers: Transfer[]; accounts: Map<string, Account>; more: boolean }
  | { state: 'error'; message: string };

/** Money moved between the business's own accounts, newest first. */
@Component({
  selector: 'app-transfers-page',
  imports: [PageHeader, EmptyState, MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule],
  templateUrl: './transfers-page.html',
  styleUrl: './transfers-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransfersPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly commands = inject(TransferCommands);
  private readonly transfers = inject(TransfersRepository);
  private readonly accountsRepository = inject(AccountsRepository);
  private readonly authority = inject(LedgerAuthority);
  protected readonly formatMoney = formatMoney;
  private readonly limit = signal(PAGE);
  private readonly accounts = toSignal(this.accountsRepository.watchAll(), { initialValue: [] as Account[] });

  protected readonly view = toSignal(
    toObservable(this.limit).pipe(
      switchMap((limit) =>
        combineLatest([this.transfers.watchRecent(limit + 1), this.accountsRepository.watchAll()]).pipe(
          map(([transfers, accounts]): TransfersView => ({
            state: 'ready',
            // One more than shown tells whether "Show more" has anything to show.
            transfers: transfers.slice(0, limit),
            more: transfers.length > limit,
            accounts: new Map(accounts.map((a) => [a.id, a])),
          })),
        ),
      ),
      startWith<TransfersView>({ state: 'loading' }),
      catchError(() => of<TransfersView>({ state: 'error', message: 'Transfers could not be loaded. Reload the page to try again.' })),
    ),
    { requireSync: true },
  );
  /** Archived accounts move no money: a transfer needs two that are not. */
  protected readonly canTransfer = computed(() => this.accounts().filter((a) => !a.archived).length >= 2);
  protected readonly noTransferReason = 'You need two active accounts to transfer between.';

  /** Why this user may not delete a transfer, or null: only its recorder or an admin may. */
  protected lockOf(transfer: Transfer): string | null {
    return this.authority.recordLock(transfer, 'transfer');
  }

  protected deleteLabel(transfer: Transfer, lock: string | null): string {
    return `Delete transfer of ${transfer.date}${lock ? `. ${lock}` : ''}`;
  }

  protected name(accounts: Map<string, Account>, id: string): string {
    return accounts.get(id)?.name ?? 'Deleted account';
  }

  protected showMore(): void {
    this.limit.update((limit) => limit + PAGE);
  }

  protected open(): void {
    this.dialog
      .open(TransferDialog, { data: this.accounts(), autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((done?: boolean) => {
        if (done) this.notifier.info('Transfer recorded.');
      });
  }

  protected async remove(transfer: Transfer, accounts: Map<string, Account>): Promise<void> {
    if (this.lockOf(transfer)) return;
    const ok = await confirm(this.dialog, {
      title: 'Delete this transfer?',
      message: `${formatMoney(transfer.sentMinor, transfer.sentCurrency)} from ${this.name(accounts, transfer.fromAccountId)} to ${this.name(accounts, transfer.toAccountId)} on ${transfer.date}. Both balances change back.`,
      confirm: 'Delete',
      destructive: true,
    });
    if (!ok) return;
    const outcome = await this.commands.remove(transfer.id);
    if (outcome.ok) this.notifier.info('Transfer deleted.');
    else this.notifier.error(outcome.message);
  }
}
