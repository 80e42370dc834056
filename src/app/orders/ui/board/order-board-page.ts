import { ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Order, OrderStatus, OrderType } from '@maestro/contracts';
import { Store } from '@ngrx/store';
import { interval, map, startWith } from 'rxjs';
import { APP_ENVIRONMENT } from '../../../core/config/app-environment';
import { EmptyState } from '../../../shared/ui/empty-state';
import { LoadFailure } from '../../../shared/ui/load-failure';
import { PageHeader } from '../../../shared/ui/page-header';
import { STATUS_LABEL } from '../../model/order-labels';
import { OrdersLive } from '../../orchestrator/orders-live';
import { OrderMoveRequests } from '../order-move-requests';
import { selectAwaitingList, selectConnection, selectFilteredBoard, selectLoadError, selectPending } from '../../state/orders.selectors';
import type { PendingMove } from '../../state/orders.state';
import { ConnectionBadge } from '../connection-badge';
import { ColumnScroll } from './column-scroll-strategy';
import { FinishedOrders } from './finished-orders';
import { ORDER_CARD_HEIGHT, OrderCard } from './order-card';
import { plainColumnsRequested } from './plain-columns';

/** Columns by status, live. Each column scrolls virtually, so thousands of orders stay smooth. */
@Component({
  selector: 'app-order-board-page',
  imports: [
    LoadFailure,
    FormsModule,
    ScrollingModule,
    ColumnScroll,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    PageHeader,
    EmptyState,
    ConnectionBadge,
    OrderCard,
    FinishedOrders,
  ],
  templateUrl: './order-board-page.html',
  styleUrl: './order-board-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'newOrderShortcut($event)' },
})
export class OrderBoardPage {
  private readonly store = inject(Store);
  private readonly moves = inject(OrderMoveRequests);
  private readonly live = inject(OrdersLive);
  private readonly dialog = inject(MatDialog);

  protected readonly cardHeight = ORDER_CARD_HEIGHT;
  /** Read once: the bench's baseline (`?scroll=plain`, non-production builds only). */
  protected readonly plainColumns = plainColumnsRequested(inject(APP_ENVIRONMENT, { optional: true }), inject(DOCUMENT).location.search);
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly text = signal('');
  protected readonly type = signal<OrderType | null>(null);

  protected readonly connection = this.store.selectSignal(selectConnection);
  protected readonly loading = this.store.selectSignal(selectAwaitingList);
  protected readonly loadError = this.store.selectSignal(selectLoadError);
  protected readonly pending = this.store.selectSignal(selectPending);
  /** One memoised selector per filter value. */
  private readonly boardSelector = computed(() => selectFilteredBoard({ text: this.text(), type: this.type() }));
  private readonly state = this.store.selectSignal((state: object) => state);
  /**
   * Read when the page renders, not on every action: 100 socket events a second (often several in
   * one task) rebuild the 5,000-order columns once per frame instead of once per event (issue 21).
   */
  protected readonly board = computed(() => this.boardSelector()(this.state()));
  protected readonly total = computed(() => this.board()?.columns.reduce((sum, column) => sum + column.count, 0) ?? 0);
  /** The latest finished orders (the filters apply), behind the toolbar's Finished button. */
  protected readonly finished = computed(() => this.board()?.finished ?? []);
  protected readonly showFinished = signal(false);
  protected readonly filtered = computed(() => !!this.text().trim() || !!this.type());
  /** One clock for every card's age, ticking each 30 s. */
  protected readonly now = toSignal(interval(30_000).pipe(startWith(0), map(() => Date.now())), { initialValue: Date.now() });

  constructor() {
    this.live.attach();
  }

  protected move(order: Order, to: OrderStatus): void {
    void this.moves.request(order, to);
  }

  private openingNewOrder = false;
  /** Opens the new-order dialog (loaded on first use: the board does not pay for it up front). */
  protected async newOrder(): Promise<void> {
    if (this.openingNewOrder || this.dialog.openDialogs.length) return;
    this.openingNewOrder = true;
    try {
      const { openNewOrderDialog } = await import('../new-order/open-new-order');
      openNewOrderDialog(this.dialog);
    } finally {
      this.openingNewOrder = false;
    }
  }

  /** N starts a new order, unless the user is typing somewhere or a dialog is open. */
  protected newOrderShortcut(event: KeyboardEvent): void {
    // String(): autofill sends keydown events without a key.
    if (String(event.key).toLowerCase() !== 'n' || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable]') || this.dialog.openDialogs.length) return;
    event.preventDefault();
    void this.newOrder();
  }

  protected retry(): void {
    void this.live.reload();
  }

  protected clearFilters(): void {
    this.text.set('');
    this.type.set(null);
  }

  protected pendingOf(orderId: string): PendingMove | null {
    // Typed as always present; absent keys are undefined at run time.
    return (this.pending() as Partial<Record<string, PendingMove>>)[orderId] ?? null;
  }

  protected trackOrder(_index: number, order: Order): string {
    return order.id;
  }
}
