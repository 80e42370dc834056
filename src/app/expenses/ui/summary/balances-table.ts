import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { totalsByCurrency } from '../../data/balances';
import type { AccountBalance } from '../../data/balances-repository';
import { formatMoney } from '../../../shared/money';

/**
 * Every account's derived balance, grouped by currency with a total each (never across). Archived
 * accounts show only while they still hold money; the ones at zero change no total and are counted.
 */
@Component({
  selector: 'app-balances-table',
  template: `
    @for (group of groups(); track group.currency) {
      <table class="figures balances" [attr.aria-label]="'Balances in ' + group.currency">
        <thead>
          <tr>
            <th scope="col">Account ({{ group.currency }})</th>
            <th scope="col">Type</th>
            <th scope="col" class="num">Balance</th>
          </tr>
        </thead>
        <tbody>
          @for (account of group.accounts; track account.id) {
            @let balance = account.balance;
            <tr>
              <th scope="row">{{ account.name }}@if (account.archived) { <span class="muted"> (archived)</span> }</th>
              <td class="type">{{ account.type }}</td>
              <td class="num" [class.negative]="balance.state === 'ready' && balance.balanceMinor < 0">
                @if (balance.state === 'ready') {
                  {{ formatMoney(balance.balanceMinor, account.currency) }}
                } @else if (balance.state === 'error') {
                  <span class="muted">unavailable</span>
                } @else {
                  <span class="muted" aria-label="Working out the balance">…</span>
                }
              </td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="2">
              Total across {{ group.accounts.length }} {{ group.accounts.length === 1 ? 'account' : 'accounts' }}
              @if (group.hiddenArchived) {
                <span class="muted hidden-note">· {{ group.hiddenArchived }} archived at zero not shown</span>
              }
            </th>
            <td class="num">{{ group.totalMinor === null ? '…' : formatMoney(group.totalMinor, group.currency) }}</td>
          </tr>
        </tfoot>
      </table>
    }
  `,
  styleUrl: './summary-table.scss',
  styles: `
    .balances {
      margin-bottom: 16px;
    }
    .type {
      text-transform: capitalize;
    }
    .hidden-note {
      font-weight: normal;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BalancesTable {
  readonly accounts = input.required<AccountBalance[]>();
  protected readonly formatMoney = formatMoney;

  protected readonly groups = computed(() =>
    totalsByCurrency(this.accounts()).map((total) => {
      const inCurrency = this.accounts().filter((account) => account.currency === total.currency);
      const shown = inCurrency.filter((account) => !archivedAtZero(account));
      return { ...total, accounts: shown, hiddenArchived: inCurrency.length - shown.length };
    }),
  );
}

function archivedAtZero(account: AccountBalance): boolean {
  return account.archived && account.balance.state === 'ready' && account.balance.balanceMinor === 0;
}
