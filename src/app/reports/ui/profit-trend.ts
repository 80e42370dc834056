import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { formatMoney } from '../../shared/money';
import type { ChartSpec } from '../../shared/ui/chart/chart-config';
import { ChartCanvas } from '../../shared/ui/chart/chart-canvas';
import { monthWords } from '../model/month-math';
import { outcomeOf, signedMoney, type ProfitMonth } from '../model/profit';
import { monthRange } from '../model/report-range';

/** Net sales, expenses and profit per month (a chart, then the same figures, each a link). */
@Component({
  selector: 'app-profit-trend',
  imports: [ChartCanvas, RouterLink],
  template: `
    @if (anyFigure()) {
      <app-chart-canvas class="chart" [spec]="spec()" [label]="summary()" />
    } @else {
      <p class="muted">Nothing sold or spent in {{ currency() }} in these 12 months: the chart would be empty.</p>
    }
    <div class="table-frame">
      <table class="figures" aria-label="Net sales, expenses and profit by month">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" class="num">Net sales</th>
            <th scope="col" class="num">Expenses</th>
            <th scope="col" class="num">Profit or loss</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.month) {
            <tr>
              <th scope="row"><a routerLink="/reports/profit" [queryParams]="{ month: row.month, currency: currency() }">{{ row.label }}</a></th>
              <td class="num"><a routerLink="/reports/sales" [queryParams]="row.salesQuery">{{ money(row.salesNetMinor) }}</a></td>
              <td class="num"><a routerLink="/expenses" [queryParams]="row.expensesQuery">{{ money(row.expensesMinor) }}</a></td>
              <td class="num" [class.gain]="row.outcome === 'profit'" [class.loss]="row.outcome === 'loss'">
                {{ row.signed }}<span class="word"> {{ row.outcome === 'loss' ? 'loss' : row.outcome === 'profit' ? 'profit' : '' }}</span>
              </td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">12 months</th>
            <td class="num">{{ money(total().salesNetMinor) }}</td>
            <td class="num">{{ money(total().expensesMinor) }}</td>
            <td class="num" [class.gain]="total().profitMinor > 0" [class.loss]="total().profitMinor < 0">{{ signed(total().profitMinor) }}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  `,
  styleUrl: './report-table.scss',
  styles: `
    .chart {
      --chart-height: 280px;
      margin-bottom: 16px;
    }
    .word {
      font: var(--mat-sys-body-small);
    }
    /* On a phone the sign says profit or loss; the word would push the column off the screen. */
    @media (max-width: 599px) {
      .word {
        display: none;
      }
      .figures th,
      .figures td {
        padding-inline: 4px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfitTrend {
  readonly trend = input.required<readonly ProfitMonth[]>();
  readonly currency = input.required<string>();

  protected readonly rows = computed(() =>
    this.trend().map((row) => {
      const range = monthRange(row.month);
      return {
        ...row,
        label: monthWords(row.month, 'short'),
        outcome: outcomeOf(row.profitMinor),
        signed: this.signed(row.profitMinor),
        salesQuery: { ...range, currency: this.currency() },
        expensesQuery: range,
      };
    }),
  );

  protected readonly total = computed(() =>
    this.trend().reduce(
      (sum, row) => ({ salesNetMinor: sum.salesNetMinor + row.salesNetMinor, expensesMinor: sum.expensesMinor + row.expensesMinor, profitMinor: sum.profitMinor + row.profitMinor }),
      { salesNetMinor: 0, expensesMinor: 0, profitMinor: 0 },
    ),
  );

  /** An empty chart of twelve zero months says nothing the sentence does not. */
  protected readonly anyFigure = computed(() => this.trend().some((row) => row.salesNetMinor !== 0 || row.expensesMinor !== 0));

  protected readonly spec = computed(
    (): ChartSpec => ({
      kind: 'bar',
      labels: this.trend().map((row) => monthWords(row.month, 'short')),
      series: [
        { currency: this.currency(), label: 'Net sales', valuesMinor: this.trend().map((row) => row.salesNetMinor) },
        { currency: this.currency(), label: 'Expenses', valuesMinor: this.trend().map((row) => row.expensesMinor) },
        { currency: this.currency(), label: 'Profit or loss', valuesMinor: this.trend().map((row) => row.profitMinor) },
      ],
    }),
  );

  protected readonly summary = computed(() => {
    const t = this.total();
    return `Bar chart of net sales, expenses and profit by month in ${this.currency()}: over 12 months ${this.money(t.salesNetMinor)} net sales, ${this.money(t.expensesMinor)} spent, ${this.signed(t.profitMinor)}. The table below lists every month.`;
  });

  protected money(minor: number): string {
    return formatMoney(minor, this.currency());
  }

  protected signed(minor: number): string {
    return signedMoney(minor, this.currency(), formatMoney);
  }
}
