import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { isFinalOrderStatus, type Order, type OrderItemRequest, type UpdateOrderItemRequest, type UpdateOrderRequest } from '@maestro/contracts';
import { firstValueFrom } from 'rxjs';
import { EventRequests } from '../../../core/events/event-requests';
import { confirm } from '../../../shared/ui/confirm-dialog';
import { orderNumber } from '../../model/order-labels';
import { AddDishDialog } from './add-dish-dialog';

/** Null when done; otherwise why not, in words (OrderEditOrchestrator words the API's refusals). */
export type EditOutcome = string | null;

/**
 * The order page's edits, sent through the EventBus to OrderEditOrchestrator, each answered by
 * its own outcome. Asks first where a person should: which dish to add, whether to delete.
 */
@Injectable({ providedIn: 'root' })
export class OrderEditRequests {
  private readonly requests = inject(EventRequests);
  private readonly dialog = inject(MatDialog);

  async details(order: Order, patch: UpdateOrderRequest): Promise<EditOutcome> {
    return failure(await this.requests.send('ORDER_DETAILS_UPDATE_REQUESTED', { orderId: order.id, patch }, 'ORDER_DETAILS_UPDATED'));
  }

  /** Opens the menu; null when the person closed it without picking. */
  async pickDish(order: Order): Promise<OrderItemRequest | null> {
    const ref = this.dialog.open<AddDishDialog, unknown, OrderItemRequest>(AddDishDialog, {
      data: { order, number: orderNumber(order) },
      autoFocus: 'first-tabbable',
      maxWidth: '95vw',
    });
    return (await firstValueFrom(ref.afterClosed())) ?? null;
  }

  async addDish(order: Order, item: OrderItemRequest): Promise<EditOutcome> {
    return failure(await this.requests.send('ORDER_ITEM_ADDITION_REQUESTED', { orderId: order.id, item }, 'ORDER_ITEM_ADDED'));
  }

  async changeLine(order: Order, itemId: string, patch: UpdateOrderItemRequest): Promise<EditOutcome> {
    return failure(await this.requests.send('ORDER_ITEM_UPDATE_REQUESTED', { orderId: order.id, itemId, patch }, 'ORDER_ITEM_UPDATED'));
  }

  async removeLine(order: Order, itemId: string): Promise<EditOutcome> {
    return failure(await this.requests.send('ORDER_ITEM_REMOVAL_REQUESTED', { orderId: order.id, itemId }, 'ORDER_ITEM_REMOVED'));
  }

  async delete(order: Order): Promise<EditOutcome | 'kept'> {
    const active = !isFinalOrderStatus(order.status);
    const yes = await confirm(this.dialog, {
      title: `Delete order ${orderNumber(order)}?`,
      message: `It disappears from the board and the kitchen; the activity log keeps what it was.${active ? ' Its payment is refunded and its stock put back first.' : ''} This cannot be undone.`,
      confirm: 'Delete order',
      destructive: true,
    });
    if (!yes) return 'kept';
    return failure(await this.requests.send('ORDER_DELETION_REQUESTED', { orderId: order.id }, 'ORDER_DELETED'));
  }
}

const failure = (outcome: { ok: true } | { ok: false; message: string }): EditOutcome => (outcome.ok ? null : outcome.message);
