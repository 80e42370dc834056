import { Injectable, inject } from '@angular/core';
import type { DomainEvent, HandledEventType, Order, OrderItem, UpdateOrderRequest } from '@maestro/contracts';
import { Store } from '@ngrx/store';
import { firstValueFrom } from 'rxjs';
import { ApiRequestError } from '../../core/http/api-error-message';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { editRefusalWords, type EditKind } from '../model/edit-refusal-words';
import { OrdersEditActions } from '../state/orders.actions';
import { selectOrderById } from '../state/orders.selectors';
import { OrderEventFrames } from './order-event-frames';
import { OrderOrchestrator } from './order-orchestrator';

type EditEvent = DomainEvent<
  'ORDER_DETAILS_UPDATE_REQUESTED' | 'ORDER_ITEM_ADDITION_REQUESTED' | 'ORDER_ITEM_UPDATE_REQUESTED' | 'ORDER_ITEM_REMOVAL_REQUESTED' | 'ORDER_DELETION_REQUESTED'
>;

/**
 * Edits of a placed order from the order page, through the API (which checks status, stock, card
 * and limits). Details and a line's quantity or instructions show at once and are put back if the
 * API refuses; adding, removing and deleting wait for its answer (they need its ids, stock and
 * say-so). The answer is applied to the store by version, so the page is right without the socket;
 * other screens follow through the socket's events. A refusal fails with the reason in words.
 */
@Injectable({ providedIn: 'root' })
export class OrderEditOrchestrator extends BaseOrchestratorService {
  readonly name = 'order-edit';
  private readonly facade = inject(OrderOrchestrator);
  private readonly store = inject(Store);
  private readonly frames = inject(OrderEventFrames);

  protected listen(): void {
    // concat (default): one browser's edits reach the API in the order they were made.
    this.handleEvent('ORDER_DETAILS_UPDATE_REQUESTED');
    this.handleEvent('ORDER_ITEM_ADDITION_REQUESTED');
    this.handleEvent('ORDER_ITEM_UPDATE_REQUESTED');
    this.handleEvent('ORDER_ITEM_REMOVAL_REQUESTED');
    // exhaust: a double-clicked Delete sends one request.
    this.handleEvent('ORDER_DELETION_REQUESTED', { concurrency: 'exhaust' });
  }

  protected async eventCallback(event: DomainEvent<HandledEventType>): Promise<void> {
    const edit = event as EditEvent;
    this.frames.flush(); // decide on every event that arrived before the request
    const held = await firstValueFrom(this.store.select(selectOrderById(edit.payload.orderId)));
    switch (edit.type) {
      case 'ORDER_DETAILS_UPDATE_REQUESTED':
        return this.updateDetails(edit as DomainEvent<'ORDER_DETAILS_UPDATE_REQUESTED'>, held);
      case 'ORDER_ITEM_UPDATE_REQUESTED':
        return this.updateItem(edit as DomainEvent<'ORDER_ITEM_UPDATE_REQUESTED'>, held);
      case 'ORDER_ITEM_ADDITION_REQUESTED': {
        const { orderId, item: line } = (edit as DomainEvent<'ORDER_ITEM_ADDITION_REQUESTED'>).payload;
        const { item, version } = await this.refused('add', edit.payload.orderId, held, () => this.facade.addOrderItem(orderId, line));
        this.frames.dispatch(OrdersEditActions.itemSaved({ orderId, item, version }));
        this.bus.emit(this.events.follow(edit, 'ORDER_ITEM_ADDED', { orderId, item, version }));
        return;
      }
      case 'ORDER_ITEM_REMOVAL_REQUESTED': {
        const { orderId, itemId } = (edit as DomainEvent<'ORDER_ITEM_REMOVAL_REQUESTED'>).payload;
        const { version } = await this.refused('remove', orderId, held, () => this.facade.removeOrderItem(orderId, itemId));
        this.frames.dispatch(OrdersEditActions.itemRemovalSaved({ orderId, itemId, version }));
        this.bus.emit(this.events.follow(edit, 'ORDER_ITEM_REMOVED', { orderId, itemId, version }));
        return;
      }
      case 'ORDER_DELETION_REQUESTED': {
        const { orderId } = edit.payload;
        const { version } = await this.refused('delete', orderId, held, () => this.facade.deleteOrder(orderId));
        this.frames.dispatch(OrdersEditActions.deletionSaved({ orderId, version }));
        this.bus.emit(this.events.follow(edit, 'ORDER_DELETED', { orderId, version }));
        return;
      }
    }
  }

  private async updateDetails(event: DomainEvent<'ORDER_DETAILS_UPDATE_REQUESTED'>, held: Order | null): Promise<void> {
    const { orderId, patch } = event.payload;
    const before = held ? detailsOf(held, patch) : null;
    if (held) this.frames.dispatch(OrdersEditActions.detailsEditOptimistic({ orderId, changes: patch }));
    try {
      const order = await this.refused('details', orderId, held, () => this.facade.updateOrderDetails(orderId, patch));
      this.frames.dispatch(OrdersEditActions.detailsSaved({ order }));
      const changedFields = before ? (Object.keys(patch) as (keyof UpdateOrderRequest)[]).filter((key) => before[key] !== patch[key]) : Object.keys(patch);
      this.bus.emit(this.events.follow(event, 'ORDER_DETAILS_UPDATED', { orderId, changedFields, version: order.version }));
    } catch (error) {
      if (before) this.frames.dispatch(OrdersEditActions.detailsEditRolledBack({ orderId, before, optimistic: patch }));
      throw error;
    }
  }

  private async updateItem(event: DomainEvent<'ORDER_ITEM_UPDATE_REQUESTED'>, held: Order | null): Promise<void> {
    const { orderId, itemId, patch } = event.payload;
    const before = held?.items.find((item) => item.id === itemId) ?? null;
    const optimistic = before ? withPatch(before, patch) : null;
    if (optimistic) this.frames.dispatch(OrdersEditActions.itemEditOptimistic({ orderId, item: optimistic }));
    try {
      const { item, version } = await this.refused('change', orderId, held, () => this.facade.updateOrderItem(orderId, itemId, patch));
      this.frames.dispatch(OrdersEditActions.itemSaved({ orderId, item, version }));
      this.bus.emit(this.events.follow(event, 'ORDER_ITEM_UPDATED', { orderId, item, version }));
    } catch (error) {
      if (before && optimistic) this.frames.dispatch(OrdersEditActions.itemEditRolledBack({ orderId, before, optimistic }));
      throw error;
    }
  }

  /** The API's answer, or a failure whose message says why in words (the code kept for screens and logs). */
  private async refused<T>(kind: EditKind, orderId: string, held: Order | null, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const dishNames = new Map(held?.items.map((item) => [item.menuItemId, item.menuItem.name]) ?? []);
      const message = editRefusalWords(error, kind, { id: orderId }, dishNames);
      const code = error instanceof ApiRequestError ? error.code : 'unknown';
      // A refusal (4xx) is part of normal use: the base class then logs it quietly.
      throw Object.assign(new Error(message), { code, expected: error instanceof ApiRequestError && error.status >= 400 && error.status < 500 });
    }
  }
}

/** What the order shows now for each field the patch changes. */
function detailsOf(order: Order, patch: UpdateOrderRequest): UpdateOrderRequest {
  const held: UpdateOrderRequest = { customerName: order.customerName, notes: order.notes, table: order.type === 'dine-in' ? order.table : undefined };
  return Object.fromEntries(Object.keys(patch).map((key) => [key, held[key as keyof UpdateOrderRequest]])) as UpdateOrderRequest;
}

function withPatch(item: OrderItem, patch: { quantity?: number; notes?: string }): OrderItem {
  const quantity = patch.quantity ?? item.quantity;
  return { ...item, quantity, notes: patch.notes ?? item.notes, lineTotalMinor: item.unitPriceMinor * quantity };
}
