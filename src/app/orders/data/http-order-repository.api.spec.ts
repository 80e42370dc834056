import type { EnvironmentInjector } from '@angular/core';
import { ORDER_ACTIONS, shortOrderNumber, type CreateOrderRequest, type Order } from '@maestro/contracts';
import { apiCaller, type ApiCaller, refusal } from '../../../testing/api-caller';
import { PlacedOrders, stockedDishes } from '../../../testing/api-orders';
import { HttpOrderRepository } from './http-order-repository';

// HttpOrderRepository against the real API (scripts/karma-with-api.mjs), through the app's own
// interceptors: what a screen gets back, refusals in the words it shows. Each order made here is
// deleted by the admin at the end (which puts its stock back).

let dish: string;
let otherDish: string;
const dineIn = (table: string): CreateOrderRequest => ({
  type: 'dine-in',
  table,
  customerName: 'Karma spec',
  items: [{ menuItemId: dish, quantity: 1 }],
});
/** A table no other order has: specs find their orders on a shared board by it. */
const newTable = () => `K${Math.random().toString(36).slice(2, 9)}`;
const atTable = (table: string) => (order: Order) => order.type === 'dine-in' && order.table === table;


describe('HttpOrderRepository against the API', () => {
  let staff: ApiCaller;
  let admin: ApiCaller;
  const injectors: EnvironmentInjector[] = [];
  const orders = new PlacedOrders();

  const repositoryOf = (caller: ApiCaller) => {
    const injector = caller.injector([HttpOrderRepository]);
    injectors.push(injector);
    return injector.get(HttpOrderRepository);
  };
  const place = (repository: HttpOrderRepository) => orders.place(repository, dineIn('K1'));

  beforeAll(async () => {
    staff = await apiCaller('http-orders-staff', 'staff@maestro.test');
    admin = await apiCaller('http-orders-admin', 'admin@maestro.test');
    const menuReader = staff.injector([HttpOrderRepository]);
    [dish, otherDish] = stockedDishes(await menuReader.get(HttpOrderRepository).listMenu(), 2);
    menuReader.destroy();
  }, 60_000);
  afterEach(() => {
    for (const injector of injectors.splice(0)) injector.destroy();
  });
  afterAll(async () => {
    const cleaner = admin.injector([HttpOrderRepository]);
    await orders.deleteAll(cleaner.get(HttpOrderRepository));
    cleaner.destroy();
    await staff.dispose();
    await admin.dispose();
  }, 60_000);

  it('places an order once per idempotency key: the same key again answers with the same order, and the board holds it once', async () => {
    const repository = repositoryOf(staff);
    const key = `karma-${crypto.randomUUID()}`;
    const first = await orders.place(repository, dineIn('K2'), key);
    const again = await orders.place(repository, dineIn('K2'), key);

    expect(first.status).toBe('CONFIRMED'); // the saga confirmed it before the API answered
    expect(first.items.map((item) => [item.menuItemId, item.quantity])).toEqual([[dish, 1]]);
    expect(again.id).toBe(first.id);
    const board = await repository.listBoard();
    expect(board.filter((order) => order.id === first.id).length).toBe(1);
  }, 60_000);

  it('reads an order by id, and an unknown id is a 404 in words', async () => {
    const repository = repositoryOf(staff);
    const placed = await place(repository);

    const read = await repository.getDetail(placed.id);
    expect(read).toEqual(jasmine.objectContaining({ id: placed.id, status: 'CONFIRMED', table: 'K1', version: placed.version }));

    const missing = await refusal(repository.getDetail(`no-such-order-${Date.now()}`));
    expect(missing.status).toBe(404);
    expect(missing.code).toBe('order_not_found');
    expect(missing.message).toContain('It may have been deleted.');
  }, 60_000);

  it('moves an order one legal step, and an illegal move is refused with where it can go instead', async () => {
    const repository = repositoryOf(staff);
    const placed = await place(repository);

    const preparing = await repository.updateStatus(placed.id, 'PREPARING');
    expect(preparing.status).toBe('PREPARING');
    expect(preparing.version).toBeGreaterThan(placed.version);

    // CONFIRMED is the saga's move: a client asking for it is refused (reference 000's example).
    const refused = await refusal(repository.updateStatus(placed.id, 'CONFIRMED'));
    expect(refused.status).toBe(409);
    expect(refused.code).toBe('illegal_transition');
    expect(refused.message).toBe(
      `Order ${shortOrderNumber(placed.id)} is now Preparing, so it cannot be confirmed. From there it can go to Ready or Cancelled.`,
    );
    expect((await repository.getDetail(placed.id)).status).toBe('PREPARING');
  }, 60_000);

  it('changes the details of an order, and a bad one is a 400 that names the field and changes nothing', async () => {
    const repository = repositoryOf(staff);
    const placed = await place(repository);

    const updated = await repository.updateDetails(placed.id, { notes: 'no sugar', table: 'K9' });
    expect(updated).toEqual(jasmine.objectContaining({ notes: 'no sugar', table: 'K9' }));
    expect(updated.version).toBeGreaterThan(placed.version);

    const refused = await refusal(repository.updateDetails(placed.id, { table: '' }));
    expect(refused.status).toBe(400);
    expect(refused.code).toBe('validation_failed');
    expect(refused.message).toBe('Some of what was entered was not accepted. Table: table must not be empty.');
    expect(atTable('K9')(await repository.getDetail(placed.id))).toBeTrue();
  }, 60_000);

  it('refuses an order whose line asks for no dish with a 400 naming the line, and places nothing', async () => {
    const repository = repositoryOf(staff);
    const table = newTable();
    const refused = await refusal(orders.place(repository, { ...dineIn(table), items: [{ menuItemId: dish, quantity: 0 }] }));

    expect(refused.status).toBe(400);
    expect(refused.code).toBe('validation_failed');
    expect(refused.message).toBe('Some of what was entered was not accepted. Line 1 quantity: quantity must be at least 1.');
    expect((await repository.listBoard()).filter(atTable(table))).toEqual([]);
  }, 60_000);

  it('adds, changes and removes a line, each answer carrying the version after it', async () => {
    const repository = repositoryOf(staff);
    const placed = await place(repository);

    const added = await repository.addItem(placed.id, { menuItemId: otherDish, quantity: 1, notes: 'no ice' });
    expect(added.item).toEqual(jasmine.objectContaining({ menuItemId: otherDish, quantity: 1, notes: 'no ice' }));
    const changed = await repository.updateItem(placed.id, added.item.id, { quantity: 2 });
    expect(changed.item.quantity).toBe(2);
    const removed = await repository.removeItem(placed.id, added.item.id);
    expect(removed).toEqual({ orderId: placed.id, itemId: added.item.id, version: jasmine.any(Number) });

    expect([added.version, changed.version, removed.version]).toEqual([placed.version + 1, placed.version + 2, placed.version + 3]);
    const after = await repository.getDetail(placed.id);
    expect(after.items.map((item) => item.menuItemId)).toEqual([dish]);
    expect(after.version).toBe(removed.version);
  }, 60_000);

  it("lists an order's history oldest first, the staff member's own moves included; an unknown order is a 404", async () => {
    const repository = repositoryOf(staff);
    const placed = await place(repository);
    await repository.updateStatus(placed.id, 'PREPARING');

    const history = await repository.history(placed.id);
    const actions = history.map((entry) => entry.action);
    expect(actions[0]).toBe(ORDER_ACTIONS.created);
    expect(actions.at(-1)).toBe(ORDER_ACTIONS.statusChanged);
    expect(history.at(-1)?.actor).toEqual(jasmine.objectContaining({ uid: staff.user.uid }));

    const missing = await refusal(repository.history(`no-such-order-${Date.now()}`));
    expect(missing.status).toBe(404);
  }, 60_000);

  it('refuses staff the deletion of a served order (a sales record) in words, and lets an admin delete it', async () => {
    const staffRepository = repositoryOf(staff);
    const placed = await place(staffRepository);
    for (const step of ['PREPARING', 'READY', 'SERVED'] as const) await staffRepository.updateStatus(placed.id, step);

    const refused = await refusal(staffRepository.delete(placed.id));
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toBe(`Order ${shortOrderNumber(placed.id)} is Served: it is a sales record, and only an administrator deletes those.`);
    expect((await staffRepository.getDetail(placed.id)).status).toBe('SERVED');

    const deleted = await repositoryOf(admin).delete(placed.id);
    expect(deleted.orderId).toBe(placed.id);
    orders.forget(placed.id);
    expect((await refusal(staffRepository.getDetail(placed.id))).status).toBe(404);
  }, 60_000);

  describe('for an account without a role', () => {
    let stranger: ApiCaller;
    beforeAll(async () => (stranger = await apiCaller('http-orders-stranger', 'stranger')), 30_000);
    afterAll(() => stranger.dispose(), 30_000);

    it('refuses every call with 403 and says to ask an administrator, placing nothing', async () => {
      const repository = repositoryOf(stranger);
      const board = await refusal(repository.listBoard());
      const table = newTable();
      const placing = await refusal(orders.place(repository, dineIn(table)));

      for (const error of [board, placing]) {
        expect(error.status).toBe(403);
        expect(error.code).toBe('not_a_member');
        expect(error.message).toBe(
          `This account (${stranger.user.email}) has no access to this Maestro workspace; ask an administrator to invite it.`,
        );
      }
      expect((await repositoryOf(staff).listBoard()).filter(atTable(table))).toEqual([]);
    }, 60_000);
  });
});
