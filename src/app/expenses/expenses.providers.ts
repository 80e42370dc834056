import type { EnvironmentProviders } from '@angular/core';
import { provideOrchestrators } from '../core/orchestration/orchestrator-manager';
import { AccountsOrchestrator } from './orchestrator/accounts-orchestrator';

/** What the expenses feature needs from app start: its orchestrators listen from the first event. */
export function provideExpenses(): EnvironmentProviders {
  return provideOrchestrators(AccountsOrchestrator);
}
