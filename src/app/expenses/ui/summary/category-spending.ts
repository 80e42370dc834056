import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { CurrencyBreakdown } from '../../data/summary-grouping';
import { formatMoney } from '../../../shared/money';
import { ChartCanvas } from '../../../shared/ui/chart/chart-canvas';
import type { ChartSpec } from '../../../shared/ui/chart/chart-config';

/** A doughnut per currency (top-level categories, subcategories rolled in) and its legend table. */
@Component({
  selector: 'app-category-spending',
  imports: [ChartCanvas],
  template: `
    @for (b of breakdowns(); track b.currency) {
      <div class="breakdown">
        <app-chart-canvas class="doughnut" [spec]="spec(b)" [label]="summary(b)" />
        <table class="figures" [attr.aria-label]="'Spending by category in ' + b.currency + ', ' + monthText()">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" class="num">{{ b.currency }}</th>
              <th scope="col" class="num">Share</th>
            </tr>
          </thead>
          <tbody>
            @for (row of b.rows; track row.categoryId ?? 'other') {
              <tr [class.child]="row.depth > 0">
                <th scope="row" [style.padding-left.px]="8 + row.depth * 20">
                  @if (row.depth === 0) {
                    <span class="dot" [style.background]="row.colour" aria-hidden="true"></span>
                  }
                  {{ row.name }}
                </th>
                <td class="num">{{ formatMoney(row.totalMinor, b.currency) }}</td>
                <td class="num">{{ percent(row.share) }}</td>
              </tr>
            }
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td class="num">{{ formatMoney(b.totalMinor, b.currency) }}</td>
              <td class="num">100%</td>
            </tr>
          </tfoot>
        </table>
      </div>
    }
  `,
  styleUrl: './summary-table.scss',
  styles: `
    .breakdown {
      display: grid;
      grid-template-columns: minmax(200px, 280px) 1fr;
      gap: 24px;
      align-items: start;
      margin-bottom: 24px;
    }
    .doughnut {
      --chart-height: 240px;
    }
    @media (max-width: 720px) {
      .breakdown {
        grid-template-columns: 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CategorySpending {
  readonly breakdowns = input.required<CurrencyBreakdown[]>();
  readonly monthText = input.required<string>();
  protected readonly formatMoney = formatMoney;

  protected spec(b: CurrencyBreakdown): ChartSpec {
    const top = b.rows.filter((row) => row.depth === 0);
    return { kind: 'doughnut', currency: b.currency, labels: top.map((r) => r.name), valuesMinor: top.map((r) => r.totalMinor), colours: top.map((r) => r.colour) };
  }

  protected summary(b: CurrencyBreakdown): string {
    const top = b.rows.filter((row) => row.depth === 0);
    const parts = top.map((row) => `${row.name} ${formatMoney(row.totalMinor, b.currency)} (${this.percent(row.share)})`);
    return `Doughnut chart of ${formatMoney(b.totalMinor, b.currency)} spent in ${this.monthText()} by category: ${parts.join(', ')}.`;
  }

  protected percent(share: number): string {
    return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(share);
  }
}
