import { Injectable, inject } from '@angular/core';
import type { DomainEvent } from '@maestro/contracts';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { SalesLive } from '../state/sales-live';

/**
 * Cross-domain (reference 001): the reports feature follows the orders feature's ORDER_FINISHED
 * on the EventBus, without importing it, so an open sales report shows an order's sale (or its
 * cancellation) as soon as it finishes on any screen.
 */
@Injectable({ providedIn: 'root' })
export class SalesLiveOrchestrator extends BaseOrchestratorService {
  readonly name = 'sales-live';
  private readonly sales = inject(SalesLive);

  protected listen(): void {
    this.handleEvent('ORDER_FINISHED');
  }

  protected eventCallback(event: DomainEvent<'ORDER_FINISHED'>): void {
    this.sales.orderFinished(event.payload.finishedAt);
  }
}
