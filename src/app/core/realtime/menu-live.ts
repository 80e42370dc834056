import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { applyMenuCategory, type MenuCategory, type MenuEventName, type MenuEventPayloads, type ServiceCharge } from '@maestro/contracts';
import { Subject } from 'rxjs';

export type MenuEvent = { [N in MenuEventName]: { name: N; payload: MenuEventPayloads[N] } }[MenuEventName];

/**
 * The menu's live events, in core so the orders feature (which owns the socket) and the menu
 * feature meet here without importing each other: the socket publishes what the server sends,
 * screens that show the menu (New order, Add dish, /menu) follow it. A screen that needs the
 * events while no order screen keeps the socket open asks for it with `want()`.
 */
@Injectable({ providedIn: 'root' })
export class MenuLive {
  private readonly received = new Subject<MenuEvent>();
  private readonly resynced = new Subject<void>();
  private readonly wanting = signal(0);
  private readonly serviceChargeHeld = signal<ServiceCharge | null>(null);
  private readonly categoriesHeld = signal<readonly MenuCategory[]>([]);

  /** Every menu event from the server, in the order received. */
  readonly events$ = this.received.asObservable();
  /** The socket reconnected without its missed events: menus on screen read again. */
  readonly resync$ = this.resynced.asObservable();
  /** How many screens want the socket open for the menu's sake. */
  readonly wanted = this.wanting.asReadonly();
  /** The service charge as last read or broadcast; null until someone read it. */
  readonly serviceCharge = this.serviceChargeHeld.asReadonly();
  readonly known = computed(() => this.serviceChargeHeld() !== null);
  /** The menu's categories as last read or broadcast (their positions order the menu); [] until read. */
  readonly categories = this.categoriesHeld.asReadonly();

  publish(event: MenuEvent): void {
    if (event.name === 'service-charge:updated') this.serviceChargeKnown(event.payload.serviceCharge);
    if (event.name === 'menu-category:created' || event.name === 'menu-category:updated') this.categoriesKnown([event.payload.category]);
    if (event.name === 'menu-categories:reordered') this.categoriesKnown(event.payload.categories);
    this.received.next(event);
  }

  /** Each category held, or replaced by a newer version (a read and an event may cross). */
  categoriesKnown(next: readonly MenuCategory[]): void {
    this.categoriesHeld.update((held) => next.reduce(applyMenuCategory, [...held]));
  }

  resync(): void {
    this.resynced.next();
  }

  /** Keeps the socket open while the calling screen lives. */
  want(destroyRef = inject(DestroyRef)): void {
    this.wanting.update((n) => n + 1);
    destroyRef.onDestroy(() => this.wanting.update((n) => n - 1));
  }

  /** A newer service charge (by version) replaces the one held. */
  serviceChargeKnown(next: ServiceCharge): void {
    const held = this.serviceChargeHeld();
    if (!held || held.version <= next.version) this.serviceChargeHeld.set(next);
  }
}
