import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { catchError, map, of, startWith } from 'rxjs';
import { Notifier } from '../../../core/notify/notifier';
import { EmptyState } from '../../../shared/ui/empty-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { formatMoney } from '../../model/money';
import { NewAccountDialog } from './new-account-dialog';

type AccountsView = { state: 'loading' } | { state: 'ready'; accounts: Account[] } | { state: 'error'; message: string };

const TYPE_ICONS = { cash: 'payments', bank: 'account_balance', card: 'credit_card' } as const;

@Component({
  selector: 'app-accounts-page',
  imports: [PageHeader, EmptyState, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './accounts-page.html',
  styleUrl: './accounts-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountsPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly typeIcons = TYPE_ICONS;
  protected readonly formatMoney = formatMoney;

  protected readonly accounts = toSignal(
    inject(AccountsRepository)
      .watchAll()
      .pipe(
        map((accounts): AccountsView => ({ state: 'ready', accounts })),
        startWith<AccountsView>({ state: 'loading' }),
        catchError(() => of<AccountsView>({ state: 'error', message: 'Accounts could not be loaded. Reload the page to try again.' })),
      ),
    { requireSync: true },
  );

  protected newAccount(): void {
    this.dialog
      .open(NewAccountDialog, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((name?: string) => {
        if (name) this.notifier.info(`Account “${name}” created.`);
      });
  }
}
