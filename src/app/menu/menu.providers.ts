import type { EnvironmentProviders } from '@angular/core';
import { provideOrchestrators } from '../core/orchestration/orchestrator-manager';
import { MenuOrchestrator } from './orchestrator/menu-orchestrator';

/** The menu feature from app start: its orchestrator listens from the first event (the kitchen's 86 too). */
export function provideMenu(): EnvironmentProviders {
  return provideOrchestrators(MenuOrchestrator);
}
