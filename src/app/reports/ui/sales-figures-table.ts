import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SalesFigures } from '@maestro/contracts';
import { formatMoney } from '../../shared/money';
import { OrdersLink } from './orders-link';

/** A row of figures; `link` opens what lies behind it (the report for that day, say). */
export interface FiguresRow {
  key: string;
  label: string;
  link?: { path: string; query: Record<string, string> };
  /** The list of the orders behind the row: its counts link there. */
  orders?: Record<string, string>;
  figures: SalesFigures;
}

/** Sales figures per day, hour or order type: what sold, and what was cancelled or failed apart. */
@Component({
  selector: 'app-sales-figures-table',
  imports: [RouterLink, OrdersLink],
  template: `
    <!-- Focusable: on a phone the table scrolls sideways, and rows with no link (hours) give a keyboard nothing else to scroll it by. -->
    <div class="table-frame" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table class="figures" [attr.aria-label]="caption()">
        <thead>
          <tr>
            <th scope="col">{{ labelHeading() }}</th>
            <th scope="col" class="num">Orders</th>
            <th scope="col" class="num wide">Gross</th>
            <th scope="col" class="num wide">Tax</th>
            <th scope="col" class="num wide">Service</th>
            <th scope="col" class="num">Net</th>
            <th scope="col" class="num">Cancelled</th>
            <th scope="col" class="num">Failed</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.key) {
            @let f = row.figures;
            <tr [class.quiet]="!f.orders && !f.cancelledOrders && !f.failedOrders">
              <th scope="row">
                @if (row.link; as link) {
                  <a [routerLink]="link.path" [queryParams]="link.query">{{ row.label }}</a>
                } @else {
                  {{ row.label }}
                }
              </th>
              <td class="num"><app-orders-link [params]="row.orders" [count]="f.orders" [about]="row.label" /></td>
              <td class="num wide">{{ money(f.grossMinor) }}</td>
              <td class="num wide">{{ money(f.taxMinor) }}</td>
              <td class="num wide">{{ money(f.serviceMinor) }}</td>
              <td class="num net">{{ money(f.netMinor) }}</td>
              <td class="num muted">
                <app-orders-link [params]="row.orders" outcome="cancelled" [count]="f.cancelledOrders" [label]="apart(f.cancelledOrders, f.cancelledMinor)" [about]="row.label" />
              </td>
              <td class="num muted">
                <app-orders-link [params]="row.orders" outcome="failed" [count]="f.failedOrders" [label]="apart(f.failedOrders, f.failedMinor)" [about]="row.label" />
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './report-table.scss',
  styles: `
    .net {
      font-weight: 500;
    }
    .quiet td,
    .quiet th {
      color: var(--mat-sys-on-surface-variant);
    }
    /* A phone shows orders, net and what was cancelled or failed (.wide, report-table.scss);
       gross, tax and service are in the totals above and in the CSV. */
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SalesFiguresTable {
  readonly rows = input.required<readonly FiguresRow[]>();
  readonly currency = input.required<string>();
  readonly labelHeading = input.required<string>();
  readonly caption = input.required<string>();

  protected money(minor: number): string {
    return formatMoney(minor, this.currency());
  }

  /** "2 · $12.00"; a dash when there were none, so a zero never looks like a missing figure. */
  protected apart(orders: number, minor: number): string {
    return orders ? `${orders} · ${this.money(minor)}` : '—';
  }
}
