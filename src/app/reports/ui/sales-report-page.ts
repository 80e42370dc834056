import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { SalesReport } from '@maestro/contracts';
import { Subject, combineLatest, distinctUntilChanged, map, startWith } from 'rxjs';
import { RealtimeDemand } from '../../core/realtime/realtime-demand';
import { CLOCK } from '../../core/time/clock';
import { downloadCsv } from '../../shared/download-file';
import { ChartCanvas } from '../../shared/ui/chart/chart-canvas';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';
import { ReportsApi } from '../data/reports-api';
import { localDate, rangeProblems, rangeWords, readReportQuery, type ReportQuery } from '../model/report-range';
import { salesCsvFileName, salesTableCsv, type SalesTable } from '../model/report-csv';
import { dayRows, dishRows, hourRows, isEmptyReport, reportOrders, salesCharts, stationRows, typeRows } from '../model/sales-view';
import { loadEach, type Loadable } from '../state/loadable';
import { reportCurrency } from '../state/report-currency';
import { SalesLive } from '../state/sales-live';
import { LineSalesTable } from './line-sales-table';
import { LoadFailure } from '../../shared/ui/load-failure';
import { ReportFilters } from './report-filters';
import { ReportPanel } from './report-panel';
import { SalesFiguresTable } from './sales-figures-table';
import { SalesTotals } from './sales-totals';

/**
 * Sales of a date range in one currency, from the API's aggregates: totals, then by day, hour of
 * day, dish, station and order type, each a chart (Chart.js loaded on first use) over its table,
 * each table downloadable as CSV. The range and currency live in the URL.
 */
@Component({
  selector: 'app-sales-report-page',
  imports: [LoadFailure, PageHeader, EmptyState, ReportFilters, ReportPanel, SalesTotals, SalesFiguresTable, LineSalesTable, ChartCanvas, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './sales-report-page.html',
  styleUrl: './reports-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SalesReportPage {
  private readonly api = inject(ReportsApi);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly retry$ = new Subject<void>();
  private readonly today = localDate(inject(CLOCK).now());

  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((q) => ({ from: q.get('from'), to: q.get('to'), currency: q.get('currency') }))), {
    requireSync: true,
  });
  protected readonly query = computed(() => readReportQuery(this.params(), this.today));
  protected readonly problems = computed(() => rangeProblems(this.query().from, this.query().to));

  private readonly currencyOfPage = reportCurrency(this.params, this.query, this.retry$);
  protected readonly currencies = this.currencyOfPage.currencies;
  protected readonly currencyList = this.currencyOfPage.list;
  /** The URL's currency, else the first the menu is priced in. */
  protected readonly currency = this.currencyOfPage.currency;

  private readonly asked = computed((): ReportQuery | null => {
    const { from, to } = this.query();
    return this.problems().length || !this.currency() ? null : { from, to, currency: this.currency() };
  });

  protected readonly report = toSignal(
    loadEach(
      combineLatest([toObservable(this.asked).pipe(distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b))), this.retry$.pipe(startWith(null))]).pipe(
        map(([asked]) => asked),
      ),
      (asked) => this.api.sales(asked.currency, asked.from, asked.to),
      'The sales report could not be read.',
    ),
    { initialValue: { state: 'idle' } as Loadable<SalesReport> },
  );

  protected readonly view = computed(() => {
    const report = this.report();
    if (report.state !== 'ready') return null;
    const r = report.value;
    return { report: r, orders: reportOrders(r), empty: isEmptyReport(r), charts: salesCharts(r), days: dayRows(r), hours: hourRows(r), types: typeRows(r), dishes: dishRows(r), stations: stationRows(r) };
  });

  protected readonly rangeText = computed(() => rangeWords(this.query().from, this.query().to));

  /** Orders that finished (on any screen, heard through the EventBus) since the report was read. */
  private readonly salesLive = inject(SalesLive);
  private readonly finishedAtRead = signal(0);
  protected readonly finishedSinceRead = computed(() => this.salesLive.finishedOrders() - this.finishedAtRead());

  constructor() {
    // Keeps the orders socket open while the report is: that is how finished orders reach the bus.
    inject(RealtimeDemand).want();
    effect(() => {
      if (this.report().state === 'ready') this.finishedAtRead.set(untracked(this.salesLive.finishedOrders));
    });
  }

  protected changed(change: Partial<ReportQuery>): void {
    void this.router.navigate([], { queryParams: change, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    this.retry$.next();
  }

  protected exportCsv(report: SalesReport, table: SalesTable): void {
    downloadCsv(this.document, salesTableCsv(report, table), salesCsvFileName(report, table));
  }

  protected chartLabel(what: string, report: SalesReport): string {
    return `Bar chart of net sales in ${report.currency} by ${what}, ${this.rangeText()}. The table below lists every figure.`;
  }
}
