import { runInInjectionContext, type EnvironmentInjector } from '@angular/core';
import type { MenuItem, MenuResponse, Order } from '@maestro/contracts';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { apiCaller, type ApiCaller } from '../../../testing/api-caller';
import { environment } from '../../../environments/environment.development';
import { karmaApi } from '../../../testing/karma-api';
import { MenuApi } from '../data/menu-api';
import { MenuStock } from '../data/menu-stock';
import { MenuState } from './menu-state';

// /menu's stock against the real API and Firestore (scripts/karma-with-api.mjs): an order placed
// elsewhere reserves stock without any menu event, and the menu an admin has open shows it at
// once; deleting the order gives the stock back, and that shows too. The dish is the spec's own
// (other runs order the demo dishes meanwhile), deleted at the end by the emulator's owner (the
// API archives dishes but never deletes one, and an archived one would stay on the demo menu).
describe('MenuState live stock against the API', () => {
  let admin: ApiCaller;
  let injector: EnvironmentInjector;
  let placed: string | null = null;
  let dish: MenuItem | null = null;

  beforeAll(async () => {
    admin = await apiCaller('menu-stock-admin', 'admin@maestro.test');
  }, 60_000);
  afterAll(async () => {
    if (placed) await call('DELETE', `/api/orders/${placed}`).catch(() => undefined);
    if (dish) await deleteAsOwner(`menuItems/${dish.id}`);
    injector?.destroy();
    await admin.dispose();
  });

  /** The emulator's REST API as its owner (rules bypassed, as the seed writes). */
  async function deleteAsOwner(path: string): Promise<void> {
    const { firestoreHost, firestorePort } = environment.emulators!;
    const url = `http://${firestoreHost}:${firestorePort}/v1/projects/${environment.firebase.projectId}/databases/(default)/documents/${path}`;
    const response = await fetch(url, { method: 'DELETE', headers: { Authorization: 'Bearer owner' } });
    if (!response.ok) throw new Error(`Deleting ${path} as the emulator's owner: ${response.status}`);
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${karmaApi().url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await admin.user.getIdToken()}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `karma-${crypto.randomUUID()}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Resolves once the menu on screen shows `stock` for the dish (the spec's timeout bounds it). */
  async function shown(state: MenuState, dishId: string, stock: number): Promise<void> {
    const stockOf = () => state.menu()?.menuItems.find((dish) => dish.id === dishId)?.stock;
    while (stockOf() !== stock) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('shows stock an order reserved, and gives back, without a reload', async () => {
    injector = admin.injector([FirestoreLoader, MenuApi, MenuStock, MenuState]);
    const state = injector.get(MenuState);
    runInInjectionContext(injector, () => state.followStock());
    const { categories } = await call<MenuResponse>('GET', '/api/menu');
    dish = await call<MenuItem>('POST', '/api/menu/items', {
      name: `Karma stock ${crypto.randomUUID().slice(0, 8)}`,
      categoryId: categories[0]!.id,
      station: 'grill',
      priceMinor: 500,
      currency: 'USD',
      available: true,
      stock: 10,
    });
    const dishId = dish.id;
    await state.load();
    await shown(state, dishId, 10);

    const order = await call<Order>('POST', '/api/orders', { type: 'takeaway', customerName: 'Karma stock', items: [{ menuItemId: dishId, quantity: 2 }] });
    placed = order.id;
    await shown(state, dishId, 8);

    await call('DELETE', `/api/orders/${order.id}`);
    placed = null;
    await shown(state, dishId, 10);
    expect(state.menu()!.menuItems.find((item) => item.id === dishId)!.stock).toBe(10);
  }, 60_000);
});
