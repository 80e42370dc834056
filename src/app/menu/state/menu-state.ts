import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { MenuChangeResult, MenuResponse } from '@maestro/contracts';
import { MenuLive } from '../../core/realtime/menu-live';
import { MenuApi } from '../data/menu-api';
import { MenuStock } from '../data/menu-stock';
import { applyMenuEvent, applyMenuResult, withLiveStock, type LiveStock } from '../model/menu-model';

/**
 * The menu as the /menu page shows it: loaded from the API, then kept up by the server's menu
 * events (another admin, a cook's 86) and by the answers to our own changes, by version; stock
 * follows Firestore live while the page follows it (orders reserve and give it back).
 */
@Injectable({ providedIn: 'root' })
export class MenuState {
  private readonly api = inject(MenuApi);
  private readonly live = inject(MenuLive);
  private readonly stock = inject(MenuStock);
  private readonly held = signal<MenuResponse | null>(null);
  private readonly liveStock = signal<ReadonlyMap<string, LiveStock>>(new Map());
  readonly menu = computed(() => {
    const menu = this.held();
    return menu && withLiveStock(menu, this.liveStock());
  });
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

  /**
   * Live stock while the calling screen lives. A refused or failed listen leaves the stock the
   * API and the menu events gave (as before it existed), and it says so in the console only.
   */
  followStock(destroyRef = inject(DestroyRef)): void {
    const watching = this.stock.watch().subscribe({
      next: (stock) => this.liveStock.set(stock),
      error: (error: unknown) => console.warn('Live stock stopped; the menu shows the stock it last read.', error),
    });
    destroyRef.onDestroy(() => {
      watching.unsubscribe();
      this.liveStock.set(new Map());
    });
  }

  applyResult(result: MenuChangeResult): void {
    this.update((menu) => applyMenuResult(menu, result));
  }

  private update(change: (menu: MenuResponse) => MenuResponse): void {
    const menu = this.held();
    if (menu) this.held.set(change(menu));
  }
}
