import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { SalesFigures } from '@maestro/contracts';
import { formatMoney } from '../../shared/money';
import { OrdersLink } from './orders-link';

/** The range's headline figures; cancelled and failed orders are said apart, never in the sales. */
@Component({
  selector: 'app-sales-totals',
  imports: [OrdersLink],
  template: `
    @let t = totals();
    <dl class="cards">
      <div class="card">
        <dt>Orders</dt>
        <dd><app-orders-link [params]="orders()" [count]="t.orders" about="the whole range" /></dd>
      </div>
      <div class="card">
        <dt>Gross</dt>
        <dd>{{ money(t.grossMinor) }}</dd>
      </div>
      <div class="card">
        <dt>Tax</dt>
        <dd>{{ money(t.taxMinor) }}</dd>
      </div>
      <div class="card">
        <dt>Service</dt>
        <dd>{{ money(t.serviceMinor) }}</dd>
      </div>
      <div class="card net">
        <dt>Net sales</dt>
        <dd>{{ money(t.netMinor) }}</dd>
      </div>
    </dl>
    <p class="apart">
      Not in these figures:
      <strong><app-orders-link [params]="orders()" outcome="cancelled" [count]="t.cancelledOrders" [label]="t.cancelledOrders + ' cancelled'" about="the whole range" /></strong>
      ({{ money(t.cancelledMinor) }}) and
      <strong><app-orders-link [params]="orders()" outcome="failed" [count]="t.failedOrders" [label]="t.failedOrders + ' failed'" about="the whole range" /></strong>
      ({{ money(t.failedMinor) }}).
      Gross is what customers paid; net is gross less tax (the service charge stays in).
    </p>
  `,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
      gap: 12px;
      margin: 0 0 8px;
    }
    .card {
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .net {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    dt {
      font: var(--mat-sys-label-large);
      opacity: 0.85;
    }
    dd {
      margin: 4px 0 0;
      font: var(--mat-sys-headline-small);
      font-variant-numeric: tabular-nums;
      overflow-wrap: anywhere;
    }
    .apart {
      margin: 8px 0 24px;
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599px) {
      .cards {
        grid-template-columns: 1fr 1fr;
      }
      .net {
        grid-column: 1 / -1;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SalesTotals {
  readonly totals = input.required<SalesFigures>();
  readonly currency = input.required<string>();
  /** The list of the orders behind the totals (order-list-query.ts). */
  readonly orders = input<Record<string, string>>();

  protected money(minor: number): string {
    return formatMoney(minor, this.currency());
  }
}
