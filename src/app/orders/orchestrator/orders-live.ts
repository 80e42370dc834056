import { DestroyRef, Injectable, effect, inject } from '@angular/core';
import { isFinalOrderStatus, type OrderStatusChangedEvent, type RealtimeRoom } from '@maestro/contracts';
import { EventBus } from '../../core/events/event-bus';
import { EventFactory } from '../../core/events/event-factory';
import { MenuLive } from '../../core/realtime/menu-live';
import { RealtimeDemand } from '../../core/realtime/realtime-demand';
import { RealtimeStatus } from '../../core/realtime/realtime-status';
import { CLOCK } from '../../core/time/clock';
import {
  OrdersBoardActions,
  OrdersConnectionActions,
  realtimeAction,
} from '../state/orders.actions';
import { OrderEventFrames } from './order-event-frames';
import { OrderOrchestrator } from './order-orchestrator';

/**
 * Keeps the orders state live while a screen that shows orders is open: one socket for the board
 * and the kitchen display together (counted), the list fetched after the rooms are joined — so no
 * event falls between the list and the socket — and again whenever the server could not replay
 * what a reconnection missed. Events that arrive while a list is in flight are kept by version.
 * When an order screen opens the list is also fetched at once, beside the socket: the screen shows
 * orders without waiting for the socket's library, handshake and join (about four round trips on a
 * slow phone network, issue 21); the list after the join then closes any gap between the two.
 */
/**
 * How long the socket stays open after the last order screen closed: going from the board to an
 * order's page and back must not drop the connection and reload the whole board.
 */
export const ORDERS_LIVE_LINGER_MS = 15_000;

@Injectable()
export class OrdersLive {
  private readonly facade = inject(OrderOrchestrator);
  private readonly frames = inject(OrderEventFrames);
  private readonly clock = inject(CLOCK);
  private readonly realtimeStatus = inject(RealtimeStatus);
  private readonly menuLive = inject(MenuLive);
  private readonly demand = inject(RealtimeDemand);
  private readonly bus = inject(EventBus);
  private readonly events = inject(EventFactory);
  /** Orders already announced as finished: a replayed or repeated event is not announced twice. */
  private readonly finished = new Set<string>();
  private users = 0;
  private heldForMenu = false;
  private loading: Promise<void> | null = null;
  private loadAgain = false;
  private connected = false;
  private lingering: ReturnType<typeof setTimeout> | null = null;

  /** Call from a screen's constructor; it lets go when the screen is destroyed. */
  attach(destroyRef = inject(DestroyRef)): void {
    destroyRef.onDestroy(this.hold());
  }

  /** Keeps the connection open until the returned function is called (once is enough). */
  hold(): () => void {
    this.users++;
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = null;
    if (!this.connected) {
      this.start();
      void this.resync();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.users > 0) return;
      this.lingering = setTimeout(() => this.stop(), ORDERS_LIVE_LINGER_MS);
    };
  }

  /**
   * Keeps the socket open while a screen of another feature wants it (MenuLive.want for the menu's
   * events, RealtimeDemand.want for orders finishing) though no order screen is open: called once
   * at start (orders.providers.ts).
   */
  serveOtherScreens(): void {
    effect(() => {
      const wanted = this.menuLive.wanted() + this.demand.wanted() > 0;
      if (wanted === this.heldForMenu) return;
      this.heldForMenu = wanted;
      if (wanted) {
        this.users++;
        if (this.lingering) clearTimeout(this.lingering);
        this.lingering = null;
        if (!this.connected) this.start();
      } else if (--this.users === 0) {
        this.lingering = setTimeout(() => this.stop(), ORDERS_LIVE_LINGER_MS);
      }
    });
  }

  /** The board's "Try again" after a failed load. */
  reload(): Promise<void> {
    return this.resync();
  }

  private stop(): void {
    this.lingering = null;
    this.connected = false;
    this.facade.disconnect();
  }

  private start(): void {
    this.connected = true;
    const rooms: RealtimeRoom[] = ['orders', 'kitchen'];
    this.facade.connect(
      {
        event: (name, payload) => {
          this.frames.received(realtimeAction(name, payload));
          if (name === 'order:status-changed') this.announceIfFinished(payload as OrderStatusChangedEvent);
        },
        connection: (state, since) => {
          this.frames.dispatch(OrdersConnectionActions.connectionChanged({ state, since: since.toISOString() }));
          this.realtimeStatus.changed(state, since);
        },
        resync: () => {
          this.menuLive.resync();
          void this.resync();
        },
      },
      rooms,
    );
  }

  /** Other features meet orders on the EventBus: an order that finished, whoever moved it. */
  private announceIfFinished({ orderId, newStatus, updatedAt }: OrderStatusChangedEvent): void {
    if (!isFinalOrderStatus(newStatus) || this.finished.has(orderId)) return;
    this.finished.add(orderId);
    this.bus.emit(this.events.create('ORDER_FINISHED', { orderId, status: newStatus, finishedAt: updatedAt }));
  }

  /** One list request at a time; a resync asked for meanwhile runs once after it. */
  private resync(): Promise<void> {
    if (this.loading) {
      this.loadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.loadAgain = false;
        // Before the request: events arriving while it is in flight are kept and replayed on top.
        this.frames.dispatch(OrdersBoardActions.boardLoadStarted());
        try {
          const orders = await this.facade.listBoard();
          this.frames.dispatch(
            OrdersBoardActions.boardLoaded({ orders, loadedAt: this.clock.now().toISOString() }),
          );
        } catch (error) {
          this.frames.dispatch(
            OrdersBoardActions.boardLoadFailed({
              message: error instanceof Error ? error.message : 'The orders could not be loaded.',
            }),
          );
        }
      } while (this.loadAgain);
      this.loading = null;
    })();
    return this.loading;
  }
}
