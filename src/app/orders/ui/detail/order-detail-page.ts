import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import {
  ORDER_ACTIONS,
  ORDER_DETAILS_EDITABLE_IN,
  ORDER_ITEMS_EDITABLE_IN,
  ORDER_ITEMS_MAX,
  legalNextStatuses,
  ratePercentWords,
  type Order,
  type OrderHistoryEntry,
  type OrderItem,
  type OrderStatus,
  type UpdateOrderItemRequest,
  type UpdateOrderRequest,
} from '@maestro/contracts';
import { Store } from '@ngrx/store';
import { switchMap } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { ApiRequestError } from '../../../core/http/api-error-message';
import { Notifier } from '../../../core/notify/notifier';
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
import { ItemLineEditor } from './item-line-editor';
import { OrderDetailsForm } from './order-details-form';
import { OrderEditRequests, type EditOutcome } from './order-edit-requests';
import { OrderHistory } from './order-history';
import { UNDO_POLL_DELAYS_MS, undoPending } from './pending-undo';

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
    MatTooltipModule,
    PageHeader,
    EmptyState,
    FormError,
    OrderHistory,
    ConnectionBadge,
    OrderDetailsForm,
    ItemLineEditor,
  ],
  templateUrl: './order-detail-page.html',
  styleUrl: './order-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderDetailPage {
  private readonly store = inject(Store);
  private readonly facade = inject(OrderOrchestrator);
  private readonly moveRequests = inject(OrderMoveRequests);
  private readonly edits = inject(OrderEditRequests);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

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

  /** The member's name when their profile has one (the API adds it), else their email. */
  protected readonly placedBy = computed(() => {
    const actor = this.history()?.find((entry) => entry.action === ORDER_ACTIONS.created)?.actor;
    return { name: actor?.name || actor?.email || this.order()?.createdBy || '', email: actor?.name ? actor.email : null };
  });

  // Edits: only in the statuses the API allows them (contracts), never while the order moves.
  protected readonly detailsEditable = computed(() => {
    const order = this.order();
    return !!order && ORDER_DETAILS_EDITABLE_IN.includes(order.status);
  });
  protected readonly itemsEditable = computed(() => {
    const order = this.order();
    return !!order && ORDER_ITEMS_EDITABLE_IN.includes(order.status);
  });
  protected readonly linesFull = computed(() => (this.order()?.items.length ?? 0) >= ORDER_ITEMS_MAX);
  protected readonly linesMax = ORDER_ITEMS_MAX;
  protected readonly editingDetails = signal(false);
  protected readonly detailsError = signal<string | null>(null);
  protected readonly savingDetails = signal(false);
  protected readonly editingLine = signal<string | null>(null);
  protected readonly itemsError = signal<string | null>(null);
  /** The line (or `add`) whose change is on its way to the API. */
  protected readonly savingLine = signal<string | null>(null);
  protected readonly deleting = signal(false);
  private undoPolls = 0;
  private undoTimer: ReturnType<typeof setTimeout> | null = null;
  protected readonly changeContext = computed((): ChangeContext => {
    const order = this.order();
    return {
      currency: order?.currency ?? 'USD',
      dishNames: new Map(order?.items.map((item) => [item.menuItemId, item.menuItem.name]) ?? []),
    };
  });

  constructor() {
    inject(OrdersLive).attach();
    inject(DestroyRef).onDestroy(() => this.stopUndoPolling());
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

  protected readonly ratePercent = ratePercentWords;

  /** " (included in prices)" when every taxed line's tax is inside its price. */
  protected taxNote(order: Order): string {
    const taxed = order.items.filter((item) => item.taxMinor);
    return taxed.length && taxed.every((item) => item.menuItem.taxInclusive) ? ' (included in prices)' : '';
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

  protected async saveDetails(order: Order, patch: UpdateOrderRequest): Promise<void> {
    this.editingDetails.set(false); // shown at once: the store holds the new values until the API answers
    this.detailsError.set(null);
    this.savingDetails.set(true);
    const problem = await this.edits.details(order, patch);
    this.savingDetails.set(false);
    this.detailsError.set(problem);
    await this.afterEdit(order, problem);
  }

  protected async saveLine(order: Order, item: OrderItem, patch: UpdateOrderItemRequest): Promise<void> {
    this.editingLine.set(null);
    await this.lineEdit(order, item.id, () => this.edits.changeLine(order, item.id, patch));
  }

  protected async removeLine(order: Order, item: OrderItem): Promise<void> {
    await this.lineEdit(order, item.id, () => this.edits.removeLine(order, item.id));
  }

  protected async addDish(order: Order): Promise<void> {
    this.itemsError.set(null);
    const item = await this.edits.pickDish(order);
    if (item) await this.lineEdit(order, 'add', () => this.edits.addDish(order, item));
  }

  protected async deleteOrder(order: Order): Promise<void> {
    this.deleting.set(true);
    const outcome = await this.edits.delete(order);
    this.deleting.set(false);
    if (outcome === 'kept') return;
    if (outcome) {
      this.notifier.error(outcome);
      return;
    }
    this.notifier.info(`Order ${orderNumber(order)} deleted.`);
    await this.router.navigateByUrl('/orders');
  }

  protected retryLookup(): void {
    void this.fetch(this.id());
  }

  protected retryHistory(): void {
    void this.loadHistory(this.id());
  }

  /** `line`: the item's id, or `add` for a new one. */
  private async lineEdit(order: Order, line: string, send: () => Promise<EditOutcome>): Promise<void> {
    this.itemsError.set(null);
    this.savingLine.set(line);
    const problem = await send();
    this.savingLine.set(null);
    this.itemsError.set(problem);
    await this.afterEdit(order, problem);
  }

  /**
   * The store follows by itself; an order it does not hold (not on the board) is read again, and so
   * is one whose edit was refused: the refusal says it changed, and a slow socket must not leave
   * the page showing what the server no longer holds (the newer version wins, see `order`).
   */
  private async afterEdit(order: Order, problem: EditOutcome): Promise<void> {
    if (!this.stored() || problem) await this.fetch(order.id);
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

  /** The saga's undo entries arrive after a cancel without a version change: read again a few times. */
  private pollWhileUndoing(id: string, entries: readonly OrderHistoryEntry[]): void {
    this.stopUndoPolling();
    const order = this.order();
    if (!order || order.id !== id || !undoPending(order.status, entries)) {
      this.undoPolls = 0;
      return;
    }
    const delay = UNDO_POLL_DELAYS_MS[this.undoPolls++];
    if (delay === undefined) return; // still pending after all of them: the refresh button is there
    this.undoTimer = setTimeout(() => void this.loadHistory(id), delay);
  }

  private stopUndoPolling(): void {
    if (this.undoTimer) clearTimeout(this.undoTimer);
    this.undoTimer = null;
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
      this.pollWhileUndoing(id, entries);
    } catch (error) {
      if (request !== this.historyRequest) return;
      this.historyError.set(`The history could not be loaded. ${error instanceof Error ? error.message : ''}`.trim());
    } finally {
      if (request === this.historyRequest) this.historyLoading.set(false);
    }
  }
}
