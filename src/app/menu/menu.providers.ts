import type { EnvironmentProviders } from '@angular/core';
import { provideLazyOrchestrators } from '../core/orchestration/lazy-orchestrator';

/**
 * The menu feature from app start: its orchestrator listens from the first event (the kitchen's
 * 86 too); its code, with the menu's state and API, arrives with that event, not in the initial
 * bundle (room for the sign-in page's hydration).
 */
export function provideMenu(): EnvironmentProviders {
  return provideLazyOrchestrators({
    name: 'menu',
    events: ['MENU_CHANGE_REQUESTED'],
    load: () => import('./orchestrator/menu-orchestrator').then((m) => m.MenuOrchestrator),
  });
}
