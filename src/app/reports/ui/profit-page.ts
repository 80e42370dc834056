import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Subject, combineLatest, distinctUntilChanged, map, startWith } from 'rxjs';
import { CLOCK } from '../../core/time/clock';
import { formatMoney } from '../../shared/money';
import type { ChartSpec } from '../../shared/ui/chart/chart-config';
import { ChartCanvas } from '../../shared/ui/chart/chart-canvas';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';
import { ProfitData, type ProfitView } from '../data/profit-data';
import { ReportsApi } from '../data/reports-api';
import { localMonth, monthWords, shiftMonth } from '../model/month-math';
import { outcomeOf, readProfitQuery, signedMoney } from '../model/profit';
import { monthRange } from '../model/report-range';
import { loadEach, type Loadable } from '../state/loadable';
import { LoadFailure } from '../../shared/ui/load-failure';
import { OrdersLink } from './orders-link';
import { ProfitTrend } from './profit-trend';

/**
 * A month's profit in one currency: sales net of tax (the sales report's figure) less what was
 * spent (the expense ledger), by category, and the last 12 months' trend. Every figure links to
 * what lies behind it: the sales report of the month, its sold orders, the expense list of the
 * month and category.
 */
@Component({
  selector: 'app-profit-page',
  imports: [
    LoadFailure,
    RouterLink,
    OrdersLink,
    PageHeader,
    EmptyState,
    ChartCanvas,
    ProfitTrend,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  templateUrl: './profit-page.html',
  styleUrls: ['./reports-page.scss', './report-table.scss', './profit-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfitPage {
  private readonly router = inject(Router);
  private readonly data = inject(ProfitData);
  private readonly api = inject(ReportsApi);
  private readonly retry$ = new Subject<void>();
  protected readonly currentMonth = localMonth(inject(CLOCK).now());
  protected readonly monthWords = monthWords;
  protected readonly monthRange = monthRange;
  protected readonly outcomeOf = outcomeOf;

  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((q) => ({ month: q.get('month'), currency: q.get('currency') }))), {
    requireSync: true,
  });
  protected readonly query = computed(() => readProfitQuery(this.params(), this.currentMonth));

  protected readonly currencies = toSignal(
    loadEach(this.retry$.pipe(startWith(true)), () => this.api.currencies(), 'The currencies could not be read from the menu.'),
    { initialValue: { state: 'loading' } as Loadable<string[]> },
  );
  protected readonly currencyChoices = computed(() => {
    const loaded = this.currencies();
    const list = loaded.state === 'ready' ? loaded.value : [];
    return [...new Set([...list, this.query().currency].filter(Boolean))].sort();
  });
  protected readonly currency = computed(() => this.query().currency || (this.currencyChoices()[0] ?? ''));

  protected readonly view = toSignal(
    loadEach(
      combineLatest([
        toObservable(computed(() => (this.currency() ? `${this.query().month}|${this.currency()}` : null))).pipe(distinctUntilChanged()),
        this.retry$.pipe(startWith(null)),
      ]).pipe(map(([key]) => key)),
      (key) => {
        const [month, currency] = key.split('|') as [string, string];
        return this.data.load(month, currency);
      },
      'The profit could not be worked out.',
    ),
    { initialValue: { state: 'idle' } as Loadable<ProfitView> },
  );

  constructor() {
    // A link without a month or currency gets them written in, so the URL says what is shown.
    effect(() => {
      const params = this.params();
      const currency = this.currency();
      if ((params.month && params.currency) || (!currency && this.currencies().state === 'loading')) return;
      if (this.query().problem) return; // leave the bad month in the URL while its message shows
      void this.router.navigate([], { queryParams: { month: this.query().month, currency: currency || null }, replaceUrl: true });
    });
  }

  protected go(change: { month?: string; currency?: string }): void {
    if (change.month === '') return; // the browser's month field cleared: keep the month shown
    void this.router.navigate([], { queryParams: { month: this.query().month, currency: this.currency(), ...change } });
  }

  protected monthTyped(event: Event): void {
    this.go({ month: (event.target as HTMLInputElement).value.trim() });
  }

  protected shift(delta: number): void {
    this.go({ month: shiftMonth(this.query().month, delta) });
  }

  protected retry(): void {
    this.retry$.next();
  }

  protected money(minor: number, currency: string): string {
    return formatMoney(minor, currency);
  }

  protected signed(minor: number, currency: string): string {
    return signedMoney(minor, currency, formatMoney);
  }

  protected share(part: number, whole: number): string {
    return whole ? new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(part / whole) : '—';
  }

  /** The expense list of the month, narrowed to a category (with its subcategories) when given. */
  protected expensesLink(month: string, categoryId?: string | null): Record<string, string> {
    const { from, to } = monthRange(month);
    return categoryId ? { from, to, category: categoryId } : { from, to };
  }

  protected salesLink(month: string, currency: string): Record<string, string> {
    return { ...monthRange(month), currency };
  }

  protected categoryChart(v: ProfitView): ChartSpec {
    return { kind: 'doughnut', currency: v.currency, labels: v.categories.map((c) => c.name), valuesMinor: v.categories.map((c) => c.totalMinor), colours: v.categories.map((c) => c.colour) };
  }
}
