import { TestBed } from '@angular/core/testing';
import type { CreateOrderRequest, MenuItem, Order, OrderHistoryEntry, OrderStatus, RealtimeRoom } from '@maestro/contracts';
import { ORDER_REALTIME, type OrderEvents, type OrderRealtime } from '../data/order-realtime';
import { ORDER_REPOSITORY, type OrderRepository } from '../data/order-repository';
import { orderFixture } from '../state/order-fixtures';
import { OrderOrchestrator } from './order-orchestrator';

/** Records what the facade asked of it; answers with what the spec set. */
class FakeRepository implements OrderRepository {
  readonly calls: string[] = [];
  board: Order[] = [];
  failNext: Error | null = null;
  private answer<T>(call: string, value: T): Promise<T> {
    this.calls.push(call);
    const failure = this.failNext;
    this.failNext = null;
    return failure ? Promise.reject(failure) : Promise.resolve(value);
  }
  listBoard = () => this.answer('listBoard', this.board);
  getDetail = (id: string) => this.answer(`getDetail ${id}`, this.board.find((o) => o.id === id)!);
  updateStatus = (id: string, to: OrderStatus) => this.answer(`updateStatus ${id} ${to}`, { ...this.board.find((o) => o.id === id)!, status: to });
  create = (order: CreateOrderRequest, key: string) => this.answer(`create ${order.type} ${key}`, orderFixture({ id: 'new' }));
  listMenu = () => this.answer<MenuItem[]>('listMenu', []);
  historyEntries: OrderHistoryEntry[] = [];
  history = (id: string) => this.answer(`history ${id}`, this.historyEntries);
  updateDetails = () => Promise.reject(new Error('not used'));
  addItem = () => Promise.reject(new Error('not used'));
  updateItem = () => Promise.reject(new Error('not used'));
  removeItem = () => Promise.reject(new Error('not used'));
  delete = () => Promise.reject(new Error('not used'));
}

class FakeRealtime implements OrderRealtime {
  connected: { rooms: readonly RealtimeRoom[]; events: OrderEvents } | null = null;
  disconnects = 0;
  connect(rooms: readonly RealtimeRoom[], events: OrderEvents): void {
    this.connected = { rooms, events };
  }
  disconnect(): void {
    this.disconnects++;
    this.connected = null;
  }
}

describe('OrderOrchestrator (facade)', () => {
  let repository: FakeRepository;
  let realtime: FakeRealtime;
  let facade: OrderOrchestrator;

  beforeEach(() => {
    repository = new FakeRepository();
    realtime = new FakeRealtime();
    TestBed.configureTestingModule({
      providers: [OrderOrchestrator, { provide: ORDER_REPOSITORY, useValue: repository }, { provide: ORDER_REALTIME, useValue: realtime }],
    });
    facade = TestBed.inject(OrderOrchestrator);
  });

  it('connects the realtime side to both rooms by default, or to the rooms asked for, and disconnects', () => {
    const events: OrderEvents = { event: () => undefined, connection: () => undefined, resync: () => undefined };
    facade.connect(events);
    expect(realtime.connected?.rooms).toEqual(['orders', 'kitchen']);
    expect(realtime.connected?.events).toBe(events);
    facade.connect(events, ['kitchen']);
    expect(realtime.connected?.rooms).toEqual(['kitchen']);
    facade.disconnect();
    expect(realtime.connected).toBeNull();
    expect(realtime.disconnects).toBe(1);
  });

  it('reads the board and an order through the repository', async () => {
    repository.board = [orderFixture({ id: 'a' }), orderFixture({ id: 'b', status: 'READY' })];
    expect((await facade.listBoard()).map((o) => o.id)).toEqual(['a', 'b']);
    expect((await facade.getOrderDetail('b')).status).toBe('READY');
    expect(repository.calls).toEqual(['listBoard', 'getDetail b']);
  });

  it('asks for a status change as given (the caller checks the move) and passes a refusal on unchanged', async () => {
    repository.board = [orderFixture({ id: 'a', status: 'CONFIRMED' })];
    expect((await facade.updateOrderState('a', 'PREPARING')).status).toBe('PREPARING');
    const refused = new Error('illegal');
    repository.failNext = refused;
    await expectAsync(facade.updateOrderState('a', 'SERVED')).toBeRejectedWith(refused);
    expect(repository.calls).toEqual(['updateStatus a PREPARING', 'updateStatus a SERVED']);
  });

  it('places an order with its idempotency key and lists the menu', async () => {
    await facade.placeOrder({ type: 'takeaway', items: [{ menuItemId: 'm', quantity: 1 }] }, 'key-1');
    await facade.listMenu();
    expect(repository.calls).toEqual(['create takeaway key-1', 'listMenu']);
  });

  it("reads an order's history through the repository and passes a 404 on unchanged", async () => {
    const entry: OrderHistoryEntry = {
      id: 'e1',
      at: '2026-03-01T18:00:00.000Z',
      action: 'ORDER_CREATED',
      actor: { uid: 'staff-uid', email: 'staff@maestro.test' },
      changes: { status: { from: null, to: 'PENDING' } },
      correlationId: 'saga-a',
    };
    repository.historyEntries = [entry];
    expect(await facade.getOrderHistory('a')).toEqual([entry]);
    const missing = new Error('not found');
    repository.failNext = missing;
    await expectAsync(facade.getOrderHistory('gone')).toBeRejectedWith(missing);
    expect(repository.calls).toEqual(['history a', 'history gone']);
  });
});
