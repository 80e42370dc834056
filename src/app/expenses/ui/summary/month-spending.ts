import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CurrencySeries } from '../../data/summary-grouping';
import { monthLabel } from '../../data/summary-months';
import { formatMoney } from '../../../shared/money';
import { ChartCanvas } from '../../../shared/ui/chart/chart-canvas';
import type { ChartSpec } from '../../../shared/ui/chart/chart-config';

/** Spending per month, one bar series per currency, and the same figures as a table. */
@Component({
  selector: 'app-month-spending',
  imports: [ChartCanvas],
  template: `
    <app-chart-canvas class="chart" [spec]="spec()" [label]="summary()" />
    <table class="figures compact" aria-label="Spending by month">
      <thead>
        <tr>
          <th scope="col">Month</th>
          @for (s of series(); track s.currency) {
            <th scope="col" class="num">{{ s.currency }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (month of months(); track month; let i = $index) {
          <tr>
            <th scope="row">{{ monthLabel(month) }}</th>
            @for (s of series(); track s.currency) {
              <td class="num">{{ formatMoney(s.values[i]!, s.currency) }}</td>
            }
          </tr>
        }
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">12 months</th>
          @for (s of series(); track s.currency) {
            <td class="num">{{ formatMoney(s.totalMinor, s.currency) }}</td>
          }
        </tr>
      </tfoot>
    </table>
  `,
  styleUrl: './summary-table.scss',
  styles: `
    :host {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(260px, 1fr);
      gap: 24px;
      align-items: start;
    }
    .chart {
      --chart-height: 360px;
    }
    .compact th,
    .compact td {
      padding-block: 2px;
    }
    @media (max-width: 900px) {
      :host {
        grid-template-columns: 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthSpending {
  readonly months = input.required<string[]>();
  readonly series = input.required<{ currency: string; values: number[]; totalMinor: number }[]>();
  protected readonly monthLabel = monthLabel;
  protected readonly formatMoney = formatMoney;

  protected readonly spec = computed(
    (): ChartSpec => ({
      kind: 'bar',
      labels: this.months().map((month) => monthLabel(month, 'short')),
      series: this.series().map((s) => ({ currency: s.currency, valuesMinor: s.values })),
    }),
  );

  protected readonly summary = computed(() => {
    const months = this.months();
    const parts = this.series().map((s: CurrencySeries) => {
      const peak = s.values.indexOf(Math.max(...s.values));
      return `${s.currency}: ${formatMoney(s.totalMinor, s.currency)} in total, most in ${monthLabel(months[peak]!)} (${formatMoney(s.values[peak]!, s.currency)})`;
    });
    return `Bar chart of spending by month, ${monthLabel(months[0]!)} to ${monthLabel(months[months.length - 1]!)}. ${parts.join('. ')}. The table below lists every month.`;
  });
}
