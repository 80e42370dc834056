import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { ORDER_ACTIONS, legalNextStatuses, type Order, type OrderHistoryEntry, type OrderStatus } from '@maestro/contracts';
import { Store } from '@ngrx/store';
import { switchMap } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { ApiRequestError } from '../../../core/http/api-error-message';
import { formatMoney } from '../../../shared/money';
import { EmptyState } from '../../../shared/ui/empty-state';
import { FormError } from '../../../shared/ui/form-error';
import { PageHeader } from '../../../shared/ui/page-header';
import { STATUS_LABEL, moveLabel, orderNumber } from '../../model/order-labels';
import { OrderMoveRequests } from '../order-move-requests';
import { OrderOrchestrator } from '../../orchestrator/order-orchestrator';
import { OrdersLive } from '../../orchestrator/orders-live';
import { selectConnection, selectOrderById, selectPending } from '../../state/orders.selectors';
import { ConnectionBadge } from '../connection-badge';
import type { ChangeContext } from './history-words';
import { OrderHistory } from './order-history';

type Lookup = 'idle' | 'loading' | 'not-found' | 'error';

/**
 * One order, live: the copy in the store while the board's socket keeps it current, or — for an
 * order the board does not hold (an older finished one) — the API's copy. Its history comes from
 * the activity log through the API and is read again whenever the order's version moves.
 */
@Component({
  selector: 'app-order-detail-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    PageHeader,
    EmptyState,
    FormError,
    OrderHistory,
    ConnectionBadge,
  ],
  templateUrl: './order-detail-page.html',
  styleUrl: './order-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderDetailPage {
  private readonly store = inject(Store);
  private readonly facade = inject(OrderOrchestrator);
  private readonly moveRequests = inject(OrderMoveRequests);

  /** The `:id` of the route (component input binding). */
  readonly id = input.required<string>();

  /** Admins may open the order's saga (the monitor's route; a plain link: features do not import each other). */
  protected readonly isAdmin = inject(Session).isAdmin;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly connection = this.store.selectSignal(selectConnection);
  protected readonly number = computed(() => orderNumber({ id: this.id() }));

  private readonly stored = toSignal(toObservable(this.id).pipe(switchMap((id) => this.store.select(selectOrderById(id)))), {
    initialValue: null,
  });
  private readonly fetched = signal<Order | null>(null);
  protected readonly lookup = signal<Lookup>('idle');
  protected readonly lookupError = signal<string | null>(null);

  /** The newest copy we have: the store's (live), or the API's when the board does not hold it. */
  protected readonly order = computed(() => {
    const stored = this.stored();
    const fetched = this.fetched()?.id === this.id() ? this.fetched() : null;
    if (!stored || !fetched) return stored ?? fetched;
    return fetched.version > stored.version ? fetched : stored;
  });

  private readonly pending = this.store.selectSignal(selectPending);
  /** A move in flight: the store's optimistic one, or ours for an order the store does not hold. */
  protected readonly moving = signal(false);
  protected readonly busy = computed(() => this.moving() || !!(this.pending() as Partial<Record<string, unknown>>)[this.id()]);
  protected readonly moves = computed(() => {
    const order = this.order();
    return order ? legalNextStatuses(order.status, { type: order.type }) : [];
  });

  protected readonly history = signal<readonly OrderHistoryEntry[] | null>(null);
  protected readonly historyLoading = signal(false);
  protected readonly historyError = signal<string | null>(null);
  private historyRequest = 0;
  private historyOf: string | null = null;
  /** Changes with the order's version: that is when the log has something new. */
  private readonly historyKey = computed(() => {
    const order = this.order();
    return order ? `${order.id}@${order.version}` : null;
  });

  protected readonly placedBy = computed(() => {
    const created = this.history()?.find((entry) => entry.action === ORDER_ACTIONS.created);
    return created?.actor?.email ?? this.order()?.createdBy ?? '';
  });
  protected readonly changeContext = computed((): ChangeContext => {
    const order = this.order();
    return {
      currency: order?.currency ?? 'USD',
      dishNames: new Map(order?.items.map((item) => [item.menuItemId, item.menuItem.name]) ?? []),
    };
  });

  constructor() {
    inject(OrdersLive).attach();
    // Not (or no longer) on the board: ask the API. Gone from the board after a delete → a 404 here.
    effect(() => {
      const id = this.id();
      if (this.stored()) return;
      untracked(() => void this.fetch(id));
    });
    effect(() => {
      if (!this.historyKey()) return;
      const id = this.id();
      untracked(() => void this.loadHistory(id));
    });
  }

  protected money(amountMinor: number, currency: string): string {
    return formatMoney(amountMinor, currency);
  }

  protected moveLabel(order: Order, to: OrderStatus): string {
    return moveLabel(order.status, to);
  }

  protected async move(order: Order, to: OrderStatus): Promise<void> {
    this.moving.set(true);
    const outcome = await this.moveRequests.request(order, to);
    this.moving.set(false);
    // The socket updates orders the store holds; the API's copy we read again ourselves.
    if (outcome === 'moved' && !this.stored()) await this.fetch(order.id);
  }

  protected retryLookup(): void {
    void this.fetch(this.id());
  }

  protected retryHistory(): void {
    void this.loadHistory(this.id());
  }

  private async fetch(id: string): Promise<void> {
    this.lookup.set('loading');
    try {
      const order = await this.facade.getOrderDetail(id);
      if (id !== this.id()) return;
      this.fetched.set(order);
      this.lookup.set('idle');
    } catch (error) {
      if (id !== this.id()) return;
      this.fetched.set(null);
      const missing = error instanceof ApiRequestError && error.status === 404;
      this.lookupError.set(missing ? null : error instanceof Error ? error.message : 'The order could not be loaded.');
      this.lookup.set(missing ? 'not-found' : 'error');
    }
  }

  /** The latest request wins: an older answer arriving late never replaces a newer one. */
  private async loadHistory(id: string): Promise<void> {
    const request = ++this.historyRequest;
    if (id !== this.historyOf) this.history.set(null); // another order's log must not show meanwhile
    this.historyOf = id;
    this.historyLoading.set(true);
    try {
      const entries = await this.facade.getOrderHistory(id);
      if (request !== this.historyRequest) return;
      this.history.set(entries);
      this.historyError.set(null);
    } catch (error) {
      if (request !== this.historyRequest) return;
      this.historyError.set(`The history could not be loaded. ${error instanceof Error ? error.message : ''}`.trim());
    } finally {
      if (request === this.historyRequest) this.historyLoading.set(false);
    }
  }
}
