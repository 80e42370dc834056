import { Injectable, inject } from '@angular/core';
import type { DomainEvent } from '@maestro/contracts';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { MenuApi } from '../data/menu-api';
import { MenuState } from '../state/menu-state';

/**
 * Menu changes: MENU_CHANGE_REQUESTED → the API's route for it (which writes the change and its
 * activity entry in one transaction, and tells every open screen) → MENU_CHANGED with what it
 * wrote, or MENU_CHANGE_FAILED with the API's refusal in words.
 */
@Injectable({ providedIn: 'root' })
export class MenuOrchestrator extends BaseOrchestratorService {
  readonly name = 'menu';
  private readonly api = inject(MenuApi);
  private readonly state = inject(MenuState);

  protected listen(): void {
    // concat: an 86 and its Undo must reach the API in the order they were asked for.
    this.handleEvent('MENU_CHANGE_REQUESTED');
  }

  protected async eventCallback(event: DomainEvent<'MENU_CHANGE_REQUESTED'>): Promise<void> {
    const { change } = event.payload;
    const result = await this.api.apply(change);
    this.state.applyResult(result);
    this.bus.emit(this.events.follow(event, 'MENU_CHANGED', { change, result }));
  }
}
