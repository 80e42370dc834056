import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ORDER_STATUS_WORDS, shortOrderNumber, type SalesOrderRow } from '@maestro/contracts';
import { formatDateTime } from '../../shared/dates';
import { formatMoney } from '../../shared/money';
import { orderTypeWords } from '../model/report-words';

/** Finished orders, one a row; the number opens the order's page (keyboard: Tab to it, Enter). */
@Component({
  selector: 'app-sales-orders-table',
  imports: [RouterLink],
  template: `
    <div class="table-frame">
      <table class="figures" [attr.aria-label]="caption()">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col" class="wide">Finished</th>
            <th scope="col" class="wide">Type</th>
            <th scope="col">Destination</th>
            <th scope="col" class="wide">Status</th>
            <th scope="col" class="num">Total</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.id) {
            <tr>
              <th scope="row">
                <a [routerLink]="['/orders', row.id]" [attr.data-order-id]="row.id">{{ number(row.id) }}</a>
              </th>
              <td>{{ time(row.createdAt) }}</td>
              <td class="wide">{{ finished(row) }}</td>
              <td class="wide">{{ type(row.type) }}</td>
              <td class="typed">{{ row.destination }}</td>
              <td class="wide">{{ status(row) }}</td>
              <td class="num">{{ money(row) }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './report-table.scss',
  // A phone keeps number, placed, destination and total (.wide, report-table.scss): the rest is
  // one tap away, on the order's page.
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SalesOrdersTable {
  readonly rows = input.required<readonly SalesOrderRow[]>();
  readonly caption = input.required<string>();

  protected readonly number = shortOrderNumber;
  protected readonly type = orderTypeWords;

  protected time(iso: string): string {
    return formatDateTime(iso, { seconds: false });
  }

  /** The finish time alone when it is the day the order was placed. */
  protected finished(row: SalesOrderRow): string {
    const placed = this.time(row.createdAt);
    const finished = this.time(row.finishedAt);
    const [placedDay] = placed.split(', ');
    const [finishedDay, clock] = finished.split(', ');
    return placedDay === finishedDay && clock ? clock : finished;
  }

  protected status(row: SalesOrderRow): string {
    return ORDER_STATUS_WORDS[row.status] ?? row.status;
  }

  protected money(row: SalesOrderRow): string {
    return formatMoney(row.totalMinor, row.currency);
  }
}
