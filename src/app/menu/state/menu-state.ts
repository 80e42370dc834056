import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { MenuChangeResult, MenuResponse } from '@maestro/contracts';
import { MenuLive } from '../../core/realtime/menu-live';
import { MenuApi } from '../data/menu-api';
import { applyMenuEvent, applyMenuResult } from '../model/menu-model';

/**
 * The menu as the /menu page shows it: loaded from the API, then kept up by the server's menu
 * events (another admin, a cook's 86) and by the answers to our own changes, by version.
 */
@Injectable({ providedIn: 'root' })
export class MenuState {
  private readonly api = inject(MenuApi);
  private readonly live = inject(MenuLive);
  private readonly held = signal<MenuResponse | null>(null);
  readonly menu = this.held.asReadonly();
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);

  constructor() {
    const events = this.live.events$.subscribe((event) => this.update((menu) => applyMenuEvent(menu, event)));
    const resyncs = this.live.resync$.subscribe(() => void this.load());
    inject(DestroyRef).onDestroy(() => {
      events.unsubscribe();
      resyncs.unsubscribe();
    });
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const menu = await this.api.load();
      this.held.set(menu);
      this.live.serviceChargeKnown(menu.serviceCharge);
    } catch (error) {
      this.error.set(`The menu could not be loaded. ${error instanceof Error ? error.message : ''}`.trim());
    } finally {
      this.loading.set(false);
    }
  }

  applyResult(result: MenuChangeResult): void {
    this.update((menu) => applyMenuResult(menu, result));
  }

  private update(change: (menu: MenuResponse) => MenuResponse): void {
    const menu = this.held();
    if (menu) this.held.set(change(menu));
  }
}
