import type { EnvironmentProviders } from '@angular/core';
import { provideLazyOrchestrators } from '../core/orchestration/lazy-orchestrator';

/** The reports feature from app start: it follows orders finishing, its code loads with the first. */
export function provideReports(): EnvironmentProviders {
  return provideLazyOrchestrators({
    name: 'sales-live',
    events: ['ORDER_FINISHED'],
    load: () => import('./orchestrator/sales-live-orchestrator').then((m) => m.SalesLiveOrchestrator),
  });
}
