import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { formatMoney } from '../../shared/money';
import { OrdersLink } from './orders-link';

export interface LineRow {
  key: string;
  label: string;
  /** The dish's station, shown in its own column when given. */
  station?: string;
  quantity: number;
  netMinor: number;
  taxMinor: number;
  /** The list of the sold orders holding the dish or station: the quantity links there. */
  orders?: Record<string, string>;
}

/** What each dish or station sold in completed orders: quantity, net of tax, and the tax. */
@Component({
  selector: 'app-line-sales-table',
  imports: [OrdersLink],
  template: `
    <div class="table-frame">
      <table class="figures" [attr.aria-label]="caption()">
        <thead>
          <tr>
            <th scope="col">{{ labelHeading() }}</th>
            @if (withStation()) {
              <th scope="col">Station</th>
            }
            <th scope="col" class="num">Sold</th>
            <th scope="col" class="num">Net</th>
            <th scope="col" class="num">Tax</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.key) {
            <tr>
              <th scope="row" class="typed">{{ row.label }}</th>
              @if (withStation()) {
                <td>{{ row.station }}</td>
              }
              <td class="num"><app-orders-link [params]="row.orders" [count]="row.quantity" [about]="row.label" [linkName]="row.quantity + ' sold, ' + row.label + ': open the sold orders holding it'" /></td>
              <td class="num">{{ money(row.netMinor) }}</td>
              <td class="num">{{ money(row.taxMinor) }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './report-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LineSalesTable {
  readonly rows = input.required<readonly LineRow[]>();
  readonly currency = input.required<string>();
  readonly labelHeading = input.required<string>();
  readonly caption = input.required<string>();
  readonly withStation = input(false);

  protected money(minor: number): string {
    return formatMoney(minor, this.currency());
  }
}
