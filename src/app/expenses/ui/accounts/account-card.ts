import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import type { AccountBalance } from '../../data/balances-repository';
import { formatMoney } from '../../../shared/money';

const TYPE_ICONS = { cash: 'payments', bank: 'account_balance', card: 'credit_card' } as const;
const TYPE_LABELS = { cash: 'Cash', bank: 'Bank account', card: 'Card' } as const;

/** One account: its derived balance first (that is what people look for), the rest small. */
@Component({
  selector: 'app-account-card',
  imports: [MatButtonModule, MatIconModule, MatMenuModule],
  templateUrl: './account-card.html',
  styleUrl: './account-card.scss',
  host: { '[class.archived]': 'account().archived' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountCard {
  readonly account = input.required<AccountBalance>();
  readonly edit = output();
  readonly archive = output<boolean>();
  readonly retry = output();

  protected readonly typeIcons = TYPE_ICONS;
  protected readonly typeLabels = TYPE_LABELS;
  protected readonly formatMoney = formatMoney;
}
