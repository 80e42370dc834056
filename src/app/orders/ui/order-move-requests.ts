import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { Order, OrderStatus } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import { Notifier } from '../../core/notify/notifier';
import { confirm } from '../../shared/ui/confirm-dialog';
import { aboutOrder, orderNumber } from '../model/order-labels';

export type MoveOutcome = 'moved' | 'kept' | 'failed';

/**
 * A staff move from a screen: asks first when it cancels the order, sends it through the EventBus
 * (OrderStatusOrchestrator does the optimistic update and the API call) and tells the user why it
 * failed. `kept`: the user chose not to cancel after all.
 */
@Injectable({ providedIn: 'root' })
export class OrderMoveRequests {
  private readonly requests = inject(EventRequests);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);

  async request(order: Order, to: OrderStatus): Promise<MoveOutcome> {
    if (to === 'CANCELLED') {
      const yes = await confirm(this.dialog, {
        title: `Cancel order ${orderNumber(order)}?`,
        message: 'Its payment is refunded, its stock put back and any courier cancelled. This cannot be undone.',
        confirm: 'Cancel order',
        destructive: true,
      });
      if (!yes) return 'kept';
    }
    const outcome = await this.requests.send('ORDER_STATUS_CHANGE_REQUESTED', { orderId: order.id, from: order.status, to }, 'ORDER_STATUS_CHANGED');
    if (outcome.ok) return 'moved';
    this.notifier.error(aboutOrder(order, outcome.message));
    return 'failed';
  }
}
