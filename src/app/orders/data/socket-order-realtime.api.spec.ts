import type { EnvironmentInjector } from '@angular/core';
import { ORDER_EVENT_NAMES, type CreateOrderRequest, type OrderEventName, type OrderEventPayloads } from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import { apiCaller, type ApiCaller } from '../../../testing/api-caller';
import { restartApi } from '../../../testing/karma-api';
import { PlacedOrders, stockedDishes } from '../../../testing/api-orders';
import { Session } from '../../core/auth/session';
import { SessionEnd } from '../../core/auth/session-end';
import { HANDSHAKE_RETRY_MS } from './handshake-refusal';
import { HttpOrderRepository } from './http-order-repository';
import type { ConnectionState, OrderEvents } from './order-realtime';
import { SocketOrderRealtime } from './socket-order-realtime';

// SocketOrderRealtime against the real API (scripts/karma-with-api.mjs): the rooms, the seven
// events after the HTTP calls that cause them, the connection states a screen shows, a refused
// account, and reconnections with and without the server's replay. Orders made here are deleted
// by the admin at the end.

interface Received {
  name: OrderEventName;
  payload: OrderEventPayloads[OrderEventName];
}

/** What the board would be told: every event, state and resync, in order. */
class Recorder implements OrderEvents {
  readonly events: Received[] = [];
  readonly states: ConnectionState[] = [];
  resyncs = 0;
  event<N extends OrderEventName>(name: N, payload: OrderEventPayloads[N]): void {
    this.events.push({ name, payload });
  }
  connection(state: ConnectionState): void {
    this.states.push(state);
  }
  resync(): void {
    this.resyncs++;
  }
  /** The events about one order, as [name, version]. */
  about(orderId: string): [OrderEventName, number][] {
    return this.events
      .filter(({ payload }) => ('order' in payload ? payload.order.id : payload.orderId) === orderId)
      .map(({ name, payload }) => [name, payload.version]);
  }
}

/** Polls until `done()`; the deadline only turns a hang into a message saying what never came. */
async function until(done: () => boolean, what: string, deadlineMs = 45_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let dish: string;
let otherDish: string;
const dineIn = (table: string): CreateOrderRequest => ({ type: 'dine-in', table, items: [{ menuItemId: dish, quantity: 1 }] });

describe('SocketOrderRealtime against the API', () => {
  let staff: ApiCaller;
  let admin: ApiCaller;
  const injectors: EnvironmentInjector[] = [];
  const orders = new PlacedOrders();

  const wired = (caller: ApiCaller) => {
    const injector = caller.injector([HttpOrderRepository, SocketOrderRealtime]);
    injectors.push(injector);
    return { repository: injector.get(HttpOrderRepository), realtime: injector.get(SocketOrderRealtime), injector };
  };
  /** A realtime connected to both rooms, once live. */
  const live = async (realtime: SocketOrderRealtime) => {
    const recorder = new Recorder();
    realtime.connect(['kitchen', 'orders'], recorder);
    await until(() => recorder.states.includes('live'), 'the socket to be live');
    return recorder;
  };
  const place = (repository: HttpOrderRepository) => orders.place(repository, dineIn('S1'));

  beforeAll(async () => {
    staff = await apiCaller('realtime-staff', 'staff@maestro.test');
    admin = await apiCaller('realtime-admin', 'admin@maestro.test');
    const menuReader = staff.injector([HttpOrderRepository]);
    [dish, otherDish] = stockedDishes(await menuReader.get(HttpOrderRepository).listMenu(), 2);
    menuReader.destroy();
  }, 60_000);
  afterEach(() => {
    // Destroying the injector does not close a socket: disconnect first.
    for (const injector of injectors.splice(0)) {
      injector.get(SocketOrderRealtime).disconnect();
      injector.destroy();
    }
  });
  afterAll(async () => {
    const cleaner = admin.injector([HttpOrderRepository]);
    await orders.deleteAll(cleaner.get(HttpOrderRepository));
    cleaner.destroy();
    await staff.dispose();
    await admin.dispose();
  }, 60_000);

  it('joins its rooms (connecting, then live, then one resync to load the board) and receives each of the seven events after the call that causes it, with the version the call answered', async () => {
    const { repository, realtime } = wired(staff);
    const recorder = await live(realtime);
    expect(recorder.states).toEqual(['connecting', 'live']);
    expect(recorder.resyncs).toBe(1);

    const placed = await place(repository);
    const updated = await repository.updateDetails(placed.id, { notes: 'window seat' });
    const preparing = await repository.updateStatus(placed.id, 'PREPARING');
    const added = await repository.addItem(placed.id, { menuItemId: otherDish, quantity: 1 });
    const changed = await repository.updateItem(placed.id, added.item.id, { quantity: 2 });
    const removed = await repository.removeItem(placed.id, added.item.id);
    const deleted = await repository.delete(placed.id);
    orders.forget(placed.id);
    await until(() => recorder.about(placed.id).some(([name]) => name === 'order:deleted'), 'order:deleted');

    expect(recorder.about(placed.id)).toEqual([
      ['order:created', 1], // placed PENDING; the saga's confirmation follows
      ['order:status-changed', placed.version],
      ['order:updated', updated.version],
      ['order:status-changed', preparing.version],
      ['order-item:added', added.version],
      ['order-item:updated', changed.version],
      ['order-item:removed', removed.version],
      ['order:deleted', deleted.version],
    ]);
    expect(new Set(recorder.about(placed.id).map(([name]) => name))).toEqual(new Set(ORDER_EVENT_NAMES));
    expect(recorder.resyncs).toBe(1);
  }, 60_000);

  it('receives nothing after disconnect(), while a screen still connected hears the same change', async () => {
    const first = wired(staff);
    const second = wired(staff);
    const gone = await live(first.realtime);
    const still = await live(second.realtime);
    first.realtime.disconnect();
    const countBefore = gone.events.length;

    const placed = await place(first.repository);
    // Both sockets are told by the same broadcast: once the open one has it, the closed one would too.
    await until(() => still.about(placed.id).length >= 2, 'the connected screen to hear the new order');

    expect(gone.events.length).toBe(countBefore);
    expect(gone.states).toEqual(['connecting', 'live']);
  }, 60_000);

  describe('for an account without a role', () => {
    let stranger: ApiCaller;
    beforeAll(async () => (stranger = await apiCaller('realtime-stranger', 'stranger')), 30_000);
    afterAll(() => stranger.dispose(), 30_000);

    it('tries once more with a fresh token, then goes offline and ends the session in the server\'s words, and knocks no more', async () => {
      const { realtime, injector } = wired(stranger);
      // Signed in to Firebase as far as the app knows (the claims not read yet, or a role removed
      // since): only then does the socket knock, and the server's refusal is what is tested here.
      // Left to the real Session, a stranger turns 'outsider' and opens no socket at all (a race).
      spyOn(injector.get(Session), 'status').and.returnValue('signed-in');
      const idToken = spyOn(injector.get(Session), 'idToken').and.callThrough();
      const recorder = new Recorder();
      realtime.connect(['orders'], recorder);
      await until(() => recorder.states.includes('offline'), 'the refused socket to go offline');

      expect(recorder.states).toEqual(['connecting', 'reconnecting', 'offline']);
      expect(idToken.calls.allArgs()).toEqual([[false], [true]]);
      await until(() => stranger.auth.currentUser === null, 'the session to end');
      expect(injector.get(SessionEnd).reason()).toBe(
        `This account (${stranger.user.email}) has no access to this Maestro workspace; ask an administrator to invite it.`,
      );

      // A storm would be a handshake (each asks for a token) every HANDSHAKE_RETRY_MS: wait out a few.
      await pause(3 * HANDSHAKE_RETRY_MS);
      expect(idToken.calls.count()).toBe(2);
      expect(recorder.states.at(-1)).toBe('offline');
      expect(recorder.events).toEqual([]);
    }, 60_000);
  });

  it('after a dropped connection the server could replay: reconnecting, then live with the missed event and no resync', async () => {
    const { repository, realtime } = wired(staff);
    const recorder = await live(realtime);
    // The server replays from the last event the client acknowledged: a socket that heard none yet could not recover.
    const heard = await place(repository);
    await until(() => recorder.about(heard.id).length >= 2, 'a first event');
    // The socket.io client underneath: its transport is dropped as a network would drop it.
    const socket = (realtime as unknown as { socket: Socket }).socket;
    socket.io.reconnection(false);
    socket.io.engine.close();
    await until(() => recorder.states.at(-1) === 'reconnecting', 'the drop to be noticed');

    const missed = await place(repository); // told to the rooms while this socket is away
    socket.io.reconnection(true);
    socket.connect();
    await until(() => recorder.states.at(-1) === 'live', 'the socket to be live again');
    await until(() => recorder.about(missed.id).length >= 2, 'the missed events to be replayed');

    expect(recorder.states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    expect(recorder.about(missed.id)).toEqual([
      ['order:created', 1],
      ['order:status-changed', missed.version],
    ]);
    expect(recorder.resyncs).toBe(1); // the first connection's only
  }, 60_000);

  it('after the API is killed and restarted (no replay possible): reconnecting, then live, joins its rooms again and asks for a resync', async () => {
    const { repository, realtime } = wired(staff);
    const recorder = await live(realtime);
    const resyncsBefore = recorder.resyncs;

    await restartApi();
    await until(() => recorder.states.length > 2 && recorder.states.at(-1) === 'live', 'the socket to be live again', 60_000);
    await until(() => recorder.resyncs > resyncsBefore, 'a resync');

    const [, , ...after] = recorder.states;
    expect(after[0]).toBe('reconnecting');
    expect(after.at(-1)).toBe('live');
    // Offline shows only when the restart took longer than OFFLINE_AFTER_MS on a busy machine.
    expect(after.slice(1, -1).every((state) => state === 'offline')).toBeTrue();
    const placed = await place(repository);
    await until(() => recorder.about(placed.id).length >= 2, 'events in the rooms joined again');
    expect(recorder.about(placed.id)[0]).toEqual(['order:created', 1]);
  }, 120_000);
});
