import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { SALES_ORDER_FILTERS, type SalesOrderRow, type SalesOutcome } from '@maestro/contracts';
import { Subject, map } from 'rxjs';
import { CLOCK } from '../../core/time/clock';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';
import { ReportsApi } from '../data/reports-api';
import { OUTCOME_WORDS, readOrderListQuery, type OrderListQuery } from '../model/order-list-query';
import { localDate, rangeProblems, rangeWords, type ReportQuery } from '../model/report-range';
import { orderTypeWords, stationWords } from '../model/report-words';
import { failureWords, loadEach, type Loadable } from '../state/loadable';
import { reportCurrency } from '../state/report-currency';
import { LoadFailure } from '../../shared/ui/load-failure';
import { ReportFilters } from './report-filters';
import { SalesOrdersTable } from './sales-orders-table';

/** The list as read so far: pages are added by Load more; `failedCursor` is what Try again asks. */
interface OrderList {
  phase: 'idle' | 'loading' | 'ready' | 'more' | 'error';
  rows: SalesOrderRow[];
  next: string | null;
  message?: string;
  failedCursor?: string | null;
}

const IDLE: OrderList = { phase: 'idle', rows: [], next: null };

/**
 * The finished orders behind a figure of the sales report (`/reports/orders`): the range, currency,
 * outcome and slice (order type, dish or station) are the URL's, so each figure links to its own
 * list; each order opens its page. Newest placed first, a page at a time (Load more).
 */
@Component({
  selector: 'app-sales-orders-page',
  imports: [LoadFailure, PageHeader, EmptyState, ReportFilters, SalesOrdersTable, RouterLink, MatButtonModule, MatButtonToggleModule, MatIconModule, MatProgressBarModule],
  templateUrl: './sales-orders-page.html',
  styleUrls: ['./reports-page.scss', './sales-orders-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SalesOrdersPage {
  private readonly api = inject(ReportsApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly retryCurrencies$ = new Subject<void>();
  private readonly today = localDate(inject(CLOCK).now());

  private readonly params = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((q) => Object.fromEntries(['from', 'to', 'currency', 'outcome', ...SALES_ORDER_FILTERS].map((key) => [key, q.get(key)])))),
    { requireSync: true },
  );
  protected readonly query = computed(() => readOrderListQuery(this.params(), this.today));
  protected readonly problems = computed(() => rangeProblems(this.query().from, this.query().to));

  private readonly currencyOfPage = reportCurrency(this.params, this.query, this.retryCurrencies$);
  protected readonly currencies = this.currencyOfPage.currencies;
  protected readonly currencyList = this.currencyOfPage.list;
  /** The URL's currency, else the first the menu is priced in. */
  protected readonly currency = this.currencyOfPage.currency;

  private readonly asked = computed(
    (): OrderListQuery | null => (this.problems().length || !this.currency() ? null : { ...this.query(), currency: this.currency() }),
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  private readonly dishId = computed(() => (this.query().slice?.kind === 'dish' ? this.query().slice!.value : null));
  private readonly dishName = toSignal(loadEach(toObservable(this.dishId), (id) => this.api.dishName(id), ''), { initialValue: { state: 'idle' } as Loadable<string | null> });

  /** "Dish: Margherita", "Station: Grill", "Type: Dine-in"; null with no slice. */
  protected readonly sliceLabel = computed(() => {
    const slice = this.query().slice;
    if (!slice) return null;
    if (slice.kind === 'type') return `Type: ${orderTypeWords(slice.value)}`;
    if (slice.kind === 'station') return `Station: ${stationWords(slice.value)}`;
    const name = this.dishName();
    return `Dish: ${name.state === 'ready' && name.value ? name.value : slice.value}`;
  });

  protected readonly rangeText = computed(() => rangeWords(this.query().from, this.query().to));
  protected readonly outcomeWords = computed(() => OUTCOME_WORDS[this.query().outcome]);
  protected readonly caption = computed(() =>
    [`${this.outcomeWords()[0]!.toUpperCase()}${this.outcomeWords().slice(1)} orders`, this.rangeText(), this.currency(), this.sliceLabel()].filter(Boolean).join(', '),
  );

  protected readonly list = signal<OrderList>(IDLE);
  private generation = 0;

  constructor() {
    effect(() => {
      const asked = this.asked();
      untracked(() => this.restart(asked));
    });
  }

  private restart(asked: OrderListQuery | null): void {
    this.generation++;
    this.list.set(asked ? { ...IDLE, phase: 'loading' } : IDLE);
    if (asked) void this.read(asked, null);
  }

  /** Reads one page; an answer to a query that has changed since is dropped. */
  private async read(asked: OrderListQuery, cursor: string | null): Promise<void> {
    const generation = this.generation;
    try {
      const page = await this.api.orders(asked, cursor);
      if (generation !== this.generation) return;
      this.list.update((list) => ({ phase: 'ready', rows: cursor ? [...list.rows, ...page.orders] : page.orders, next: page.nextCursor }));
      if (cursor && page.orders.length) this.focusRow(page.orders[0]!.id);
    } catch (error) {
      if (generation !== this.generation) return;
      this.list.update((list) => ({ ...list, phase: 'error', message: failureWords(error, 'The orders could not be read.'), failedCursor: cursor }));
    }
  }

  /** After Load more, the keyboard lands on the first new order rather than at the page's top. */
  private focusRow(orderId: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLAnchorElement>(`a[data-order-id="${CSS.escape(orderId)}"]`)?.focus(), { injector: this.injector });
  }

  protected more(): void {
    const asked = this.asked();
    const { next, phase } = this.list();
    if (!asked || !next || phase !== 'ready') return;
    this.list.update((list) => ({ ...list, phase: 'more' }));
    void this.read(asked, next);
  }

  protected retry(): void {
    const asked = this.asked();
    if (!asked) {
      this.retryCurrencies$.next();
      return;
    }
    const failed = this.list().failedCursor ?? null;
    this.list.update((list) => ({ ...list, phase: failed ? 'more' : 'loading' }));
    void this.read(asked, failed);
  }

  protected changed(change: Partial<ReportQuery>): void {
    void this.router.navigate([], { queryParams: change, queryParamsHandling: 'merge' });
  }

  /** Sold is the list's default: its URL leaves the outcome out, as the report's links do. */
  protected outcomeChosen(outcome: SalesOutcome): void {
    void this.router.navigate([], { queryParams: { outcome: outcome === 'completed' ? null : outcome }, queryParamsHandling: 'merge' });
  }

  /** Back to every order of the range: the slice is dropped from the URL. */
  protected clearSlice(): void {
    void this.router.navigate([], { queryParams: Object.fromEntries(SALES_ORDER_FILTERS.map((key) => [key, null])), queryParamsHandling: 'merge' });
  }
}
