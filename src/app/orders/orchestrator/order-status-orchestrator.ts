import { Injectable, inject } from '@angular/core';
import { canTransition, isOrderStatus, legalNextStatuses, type DomainEvent } from '@maestro/contracts';
import { Store } from '@ngrx/store';
import { firstValueFrom } from 'rxjs';
import { ApiRequestError } from '../../core/http/api-error-message';
import { apiErrorWords } from '../../core/http/api-error-words';
import { expectedRefusal } from '../../core/orchestration/expected-refusal';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { OrdersCommandActions } from '../state/orders.actions';
import { selectOrderById } from '../state/orders.selectors';
import { OrderEventFrames } from './order-event-frames';
import { OrderOrchestrator } from './order-orchestrator';

/**
 * ORDER_STATUS_CHANGE_REQUESTED → the move shows at once (optimistic), the API is asked, and
 * ORDER_STATUS_CHANGED follows. A refusal or a failed call puts the order back — or where the
 * server says it now is (409) — and ORDER_STATUS_CHANGE_FAILED carries the reason to the screen.
 */
@Injectable({ providedIn: 'root' })
export class OrderStatusOrchestrator extends BaseOrchestratorService {
  readonly name = 'order-status';
  private readonly facade = inject(OrderOrchestrator);
  private readonly store = inject(Store);
  private readonly frames = inject(OrderEventFrames);

  protected listen(): void {
    // merge: moves of different orders do not wait for each other (the screen allows one per order).
    this.handleEvent('ORDER_STATUS_CHANGE_REQUESTED', { concurrency: 'merge' });
  }

  protected async eventCallback(event: DomainEvent<'ORDER_STATUS_CHANGE_REQUESTED'>): Promise<void> {
    const { orderId, from, to } = event.payload;
    this.frames.flush(); // decide on every event that arrived before the request
    const order = await firstValueFrom(this.store.select(selectOrderById(orderId)));
    if (!canTransition(from, to, { type: order?.type })) {
      // The screen offered a move that is no longer legal (it moved meanwhile): say so as the API would.
      const allowedStatuses = legalNextStatuses(from, { type: order?.type });
      const words = apiErrorWords({ status: 409, code: 'illegal_transition', message: '', extra: { orderId, currentStatus: from, allowedStatuses }, attemptedStatus: to });
      throw expectedRefusal(Object.assign(new Error(words), { code: 'illegal_transition' }));
    }
    this.frames.dispatch(OrdersCommandActions.statusChangeOptimistic({ orderId, from, to }));
    try {
      await afterNextPaint();
      const order = await this.facade.updateOrderState(orderId, to);
      this.frames.dispatch(OrdersCommandActions.statusChangeConfirmed({ orderId }));
      this.bus.emit(
        this.events.follow(event, 'ORDER_STATUS_CHANGED', { orderId, previousStatus: from, newStatus: order.status, updatedAt: order.updatedAt }),
      );
    } catch (error) {
      const current = error instanceof ApiRequestError ? error.extra['currentStatus'] : undefined;
      this.frames.dispatch(
        OrdersCommandActions.statusChangeRolledBack({ orderId, from, to, currentStatus: isOrderStatus(current) ? current : null }),
      );
      throw error;
    }
  }
}

/**
 * The card moves on screen first, the request goes after: building and sending it (token, headers,
 * body) in the click's task kept the move's paint waiting, at 4× CPU a good part of the 200 ms an
 * interaction may take (issue 21). One frame later costs the request nothing that anyone sees. A
 * hidden tab paints no frames; its timer then lets the request go.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const hidden = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(hidden);
        resolve();
      }),
    );
  });
}
