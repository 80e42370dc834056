import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DomainEvent, KitchenStation, MenuItem, Order, OrderStatus } from '@maestro/contracts';
import { Store, provideStore, type Action } from '@ngrx/store';
import { Session, type SessionUser } from '../../../core/auth/session';
import { EventBus } from '../../../core/events/event-bus';
import { EventFactory } from '../../../core/events/event-factory';
import { EARLY_PAINT_ID, EARLY_PAINT_KEY_PREFIX } from '../../../core/hydration/early-paint';
import { Notifier } from '../../../core/notify/notifier';
import { STORE_RUNTIME_CHECKS } from '../../../core/state/store-runtime-checks';
import { CLOCK } from '../../../core/time/clock';
import { OrderOrchestrator } from '../../orchestrator/order-orchestrator';
import { OrdersLive } from '../../orchestrator/orders-live';
import { orderFixture, orderItemFixture } from '../../state/order-fixtures';
import { OrdersBoardActions, OrdersCommandActions, OrdersConnectionActions, realtimeAction } from '../../state/orders.actions';
import { provideOrdersState } from '../../state/orders.providers';
import { KitchenChime, type ChimeState } from './kitchen-chime';
import { CHIME_PREPARE_AFTER_PAINT_MS, KITCHEN_PATH, KitchenDisplayPage, SCREEN_SAVE_DELAY_MS, TICKETS_PER_FRAME, ticketsThatFit } from './kitchen-display-page';
import { KITCHEN_STORAGE_KEYS } from './kitchen-preferences';
import { KitchenTicker } from './kitchen-ticker';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Elsewhere {}

const START = Date.parse('2026-03-01T18:00:00.000Z');
const minute = (m: number, s = 0) => new Date(START + (m * 60 + s) * 1000).toISOString();

class FakeChime {
  readonly state = signal<ChimeState>('ready');
  readonly play = jasmine.createSpy('play').and.returnValue(true);
  readonly prepare = jasmine.createSpy('prepare');
  readonly unlock = jasmine.createSpy('unlock').and.resolveTo();
}

const burger = (extra = {}) => orderItemFixture({ id: 'l-burger', name: 'Burger', station: 'grill', ...extra });
const fries = (extra = {}) => orderItemFixture({ id: 'l-fries', name: 'Fries', station: 'fry', ...extra });
const salad = (extra = {}) => orderItemFixture({ id: 'l-salad', name: 'Caesar salad', station: 'cold', ...extra });

/** Ids of six letters, so the ticket number (#AAA111) reads back the id. */
function menuDish(id: string, name: string, station: KitchenStation, available = true): MenuItem {
  return { id, name, category: 'Mains', categoryId: 'mains', station, priceMinor: 1000, currency: 'USD', stock: 10, available, archived: false, taxRateBasisPoints: 0, taxInclusive: false, version: 1 };
}

function order(id: string, placedAtMinute: number, extra: Parameters<typeof orderFixture>[0] = {}): Order {
  return orderFixture({ id, createdAt: minute(placedAtMinute), updatedAt: minute(placedAtMinute), ...extra });
}

describe('KitchenDisplayPage', () => {
  let now: number;
  let chime: FakeChime;
  let live: { attach: () => void; reload: jasmine.Spy };
  let notifier: { error: jasmine.Spy; info: jasmine.Spy };
  let store: Store;
  let bus: EventBus;
  let requests: DomainEvent<'ORDER_STATUS_CHANGE_REQUESTED'>[];
  let harness: RouterTestingHarness | undefined;
  let root: HTMLElement;
  const cook = signal<SessionUser | null>(null);
  let menu: MenuItem[];

  beforeEach(() => {
    for (const key of Object.values(KITCHEN_STORAGE_KEYS)) localStorage.removeItem(key);
    cook.set({ uid: 'cook', email: 'cook@maestro.test', displayName: 'Cook', role: 'staff' });
    menu = [menuDish('burger', 'House burger', 'grill'), menuDish('soup', 'Soup', 'grill', false), menuDish('lemonade', 'Lemonade', 'bar')];
    now = Date.parse(minute(1));
    chime = new FakeChime();
    live = { attach: () => undefined, reload: jasmine.createSpy('reload').and.resolveTo() };
    notifier = { error: jasmine.createSpy('error'), info: jasmine.createSpy('info') };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'kitchen', component: KitchenDisplayPage },
          { path: 'elsewhere', component: Elsewhere },
        ]),
        provideStore({}, { runtimeChecks: STORE_RUNTIME_CHECKS }),
        provideOrdersState(),
        { provide: OrdersLive, useValue: live },
        { provide: KitchenChime, useValue: chime },
        { provide: Notifier, useValue: notifier },
        { provide: CLOCK, useValue: { now: () => new Date(now), monotonicMs: () => now } },
        { provide: Session, useValue: { user: cook } },
        // The 86 panel reads the menu through the facade (the rest of the page reads the store).
        { provide: OrderOrchestrator, useValue: { listMenu: () => Promise.resolve(menu) } },
      ],
    });
    store = TestBed.inject(Store);
    bus = TestBed.inject(EventBus);
    // Stands in for the status orchestrator: records each move the screen asks for.
    requests = [];
    harness = undefined;
    bus.on('ORDER_STATUS_CHANGE_REQUESTED').subscribe((request) => requests.push(request));
  });
  afterEach(() => {
    for (const key of Object.values(KITCHEN_STORAGE_KEYS)) localStorage.removeItem(key);
  });

  async function open(url = '/kitchen'): Promise<void> {
    harness ??= await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    root = harness.routeNativeElement!;
    await settle();
  }

  async function settle(): Promise<void> {
    await harness!.fixture.whenStable();
    harness!.detectChanges();
  }

  async function load(...orders: Order[]): Promise<void> {
    store.dispatch(OrdersBoardActions.boardLoaded({ orders, loadedAt: new Date(now).toISOString() }));
    await settle();
  }

  /** After the next frame's timers (the page draws what waited for the first tickets then). */
  async function nextFrame(): Promise<void> {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 10)));
    await settle();
  }

  async function dispatch(action: Action): Promise<void> {
    store.dispatch(action);
    await settle();
  }

  /** The one-second clock, moved to `at`. */
  async function clockAt(at: string): Promise<void> {
    now = Date.parse(at);
    harness!.routeDebugElement!.injector.get(KitchenTicker).tick();
    await settle();
  }

  async function press(key: string, target: EventTarget = document.activeElement ?? document.body): Promise<void> {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await settle();
  }

  async function click(element: Element | null | undefined): Promise<void> {
    expect(element).withContext('element to click').toBeTruthy();
    (element as HTMLElement).click();
    await settle();
  }

  const tickets = () => Array.from(root.querySelectorAll<HTMLElement>('[role="article"]'));
  const ticket = (id: string) => root.querySelector<HTMLElement>(`[role="article"][data-order-id="${id}"]`);
  const numbers = () => tickets().map((t) => t.querySelector('.number')?.textContent?.trim());
  const lines = (id: string) => Array.from(ticket(id)?.querySelectorAll('.item .name') ?? []).map((n) => n.textContent?.trim());
  /** A button by its accessible name: aria-label, else its text without aria-hidden parts (icons). */
  function named(name: string): HTMLElement | null {
    const nameOf = (button: HTMLElement) => {
      const label = button.getAttribute('aria-label');
      if (label !== null) return label;
      const copy = button.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return copy.textContent?.replace(/\s+/g, ' ').trim();
    };
    return Array.from(root.querySelectorAll<HTMLElement>('button')).find((button) => nameOf(button) === name) ?? null;
  }
  const station = (name: string) => Array.from(root.querySelectorAll<HTMLElement>('.chip')).find((chip) => chip.textContent?.includes(name))!;
  const moves = () => requests.map(({ payload }) => `${payload.orderId}: ${payload.from} → ${payload.to}`);

  function answer(request: DomainEvent<'ORDER_STATUS_CHANGE_REQUESTED'>, error?: string): void {
    const events = TestBed.inject(EventFactory);
    const { orderId, from, to } = request.payload;
    bus.emit(
      error
        ? events.follow(request, 'ORDER_STATUS_CHANGE_FAILED', { cause: { message: error }, failedEvent: request })
        : events.follow(request, 'ORDER_STATUS_CHANGED', { orderId, previousStatus: from, newStatus: to, updatedAt: new Date(now).toISOString() }),
    );
  }

  /** What the server tells every screen after a status move. */
  const statusChanged = (orderId: string, previousStatus: OrderStatus, newStatus: OrderStatus, version: number) =>
    realtimeAction('order:status-changed', { orderId, previousStatus, newStatus, updatedAt: new Date(now).toISOString(), version, failure: null });

  describe('tickets', () => {
    it('draws a long first list a screenful first, then the rest frame by frame, oldest first, and says the whole count at once', async () => {
      const ids = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(5, '0')}`);
      await open();
      await load(...ids.map((id, i) => order(id, i)));
      const firstFrame = ticketsThatFit(innerWidth, innerHeight);
      expect(firstFrame).toBeLessThan(ids.length);
      expect(tickets().length).toBe(firstFrame);
      expect(root.querySelector('.total')?.textContent?.trim()).toBe('40 tickets');
      expect(tickets()[0].getAttribute('aria-setsize')).toBe('40');
      for (let frame = 0; frame < 10 && tickets().length < ids.length; frame++) {
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 10)));
        await settle();
      }
      expect(tickets().map((t) => t.dataset['orderId'])).toEqual(ids);

      // Later tickets are drawn as they come, not held back.
      await load(...[...ids, 'zzz999'].map((id, i) => order(id, i)));
      expect(tickets().length).toBe(41);
    });

    it("draws first about what the screen shows: a phone a column of five, a wall screen a frame's worth", () => {
      expect(ticketsThatFit(390, 844)).toBe(5);
      expect(ticketsThatFit(1280, 800)).toBe(4 * 5);
      expect(ticketsThatFit(1920, 1080)).toBe(TICKETS_PER_FRAME);
      // A window with no size yet (a background tab) still draws one at once; the rest follow.
      expect(ticketsThatFit(0, 0)).toBe(1);
    });

    it('shows the tickets in arrival order, oldest first, with what the cook needs to read', async () => {
      await open();
      await load(
        order('ccc333', 5, { status: 'PREPARING', type: 'takeaway', customerName: 'Grace' }),
        order('aaa111', 1, { items: [burger({ quantity: 2, notes: 'No onions' }), fries()], notes: 'Birthday: candle on the dessert' }),
        order('bbb222', 3, { type: 'delivery' }),
        order('ddd444', 2, { status: 'READY' }),
      );
      await clockAt(minute(13, 7));

      expect(numbers()).toEqual(['#AAA111', '#BBB222', '#CCC333']);
      const first = ticket('aaa111')!;
      expect(first.getAttribute('aria-label')).toBe('Order #AAA111, Table 4, 12 minutes');
      expect(first.querySelector('.timer')?.textContent?.trim()).toBe('12:07');
      expect(first.querySelector('.type')?.textContent).toContain('Dine-in');
      expect(first.querySelector('.status')?.textContent).toContain('Waiting');
      expect(first.querySelector('.qty')?.textContent?.trim()).toBe('2×');
      expect(lines('aaa111')).toEqual(['Burger', 'Fries']);
      expect(first.querySelector('.item-note')?.textContent).toContain('No onions');
      expect(first.querySelector('.order-note')?.textContent).toContain('Birthday: candle on the dessert');
      expect(ticket('ccc333')!.querySelector('.status')?.textContent).toContain('On the stove');
      expect(ticket('ccc333')!.getAttribute('aria-label')).toBe('Order #CCC333, Takeaway · Grace, 8 minutes');
      expect(ticket('bbb222')!.querySelector('.destination')?.textContent).toContain('Delivery · 1 Harbour Road');
    });

    it('ticks every second on one clock', async () => {
      await open();
      await load(order('aaa111', 0));
      await clockAt(minute(2, 58));
      expect(ticket('aaa111')!.querySelector('.timer')?.textContent?.trim()).toBe('02:58');
      await clockAt(minute(2, 59));
      expect(ticket('aaa111')!.querySelector('.timer')?.textContent?.trim()).toBe('02:59');
    });

    it('shows since placed and, once the kitchen started it, since started', async () => {
      await open();
      await load(order('aaa111', 1), order('bbb222', 2, { status: 'PREPARING', startedAt: minute(5) }));
      await clockAt(minute(13, 7));
      const started = (id: string) => ticket(id)!.querySelector('.started-timer')?.textContent?.trim() ?? null;
      expect(ticket('bbb222')!.querySelector('.timer')?.textContent?.trim()).toBe('11:07');
      expect(started('bbb222')).toBe('08:07');
      expect(ticket('bbb222')!.querySelector('.started')?.textContent).toContain('started');
      expect(ticket('bbb222')!.getAttribute('aria-label')).toBe('Order #BBB222, Table 4, 11 minutes, started 8 minutes ago');
      expect(started('aaa111')).withContext('a waiting ticket has not started').toBeNull();

      // Started by another screen: the server's event brings the start time.
      await dispatch(
        realtimeAction('order:status-changed', {
          orderId: 'aaa111',
          previousStatus: 'CONFIRMED',
          newStatus: 'PREPARING',
          updatedAt: minute(13),
          version: 2,
          failure: null,
          startedAt: minute(13),
        }),
      );
      expect(started('aaa111')).toBe('00:07');
      await clockAt(minute(14, 7));
      expect(started('aaa111')).toBe('01:07');
      expect(ticket('aaa111')!.querySelector('.timer')?.textContent?.trim()).toBe('13:07');
    });

    it('wraps a long instruction inside the ticket', async () => {
      const long = 'Allergy: no nuts, no sesame, no dairy; cut into small pieces for a child; '.repeat(3) + 'Extraordinarilylongwordwithoutanyspaces';
      await open();
      await load(order('aaa111', 1, { items: [burger({ notes: long })], notes: long }));
      const card = ticket('aaa111')!.getBoundingClientRect();
      for (const note of Array.from(ticket('aaa111')!.querySelectorAll<HTMLElement>('.item-note, .order-note'))) {
        expect(note.textContent).toContain('Extraordinarilylongwordwithoutanyspaces');
        expect(note.getBoundingClientRect().right).toBeLessThanOrEqual(card.right);
        expect(note.scrollWidth).toBeLessThanOrEqual(note.clientWidth);
      }
    });

    it('puts the focus on the first ticket when the screen opens', async () => {
      await open();
      await load(order('aaa111', 1), order('bbb222', 2));
      expect(document.activeElement).toBe(ticket('aaa111'));
    });

    it('tallies the dishes to cook all day, for the station shown, once the first tickets have painted', async () => {
      await open();
      const panel = () => root.querySelector('app-all-day-panel')!.textContent;
      // Not "Nothing to cook" while nobody knows yet.
      expect(panel()).toContain('Counting…');
      await load(
        order('aaa111', 1, { items: [burger({ quantity: 2 }), fries()] }),
        order('bbb222', 2, { items: [burger({ quantity: 3 })], status: 'PREPARING' }),
        order('ccc333', 3, { items: [burger({ quantity: 9 })], status: 'READY' }),
      );
      const tally = () =>
        Array.from(root.querySelectorAll('app-all-day-panel li')).map((li) => `${li.querySelector('.count')?.textContent} ${li.querySelector('.name')?.textContent}`);
      expect(tickets().length).withContext('the tickets come first').toBe(2);
      expect(panel()).toContain('Counting…');
      await nextFrame();
      expect(tally()).toEqual(['5 Burger', '1 Fries']);
      await click(station('Fry'));
      expect(tally()).toEqual(['1 Fries']);
    });
  });

  describe('the screen saved for the next opening (early paint)', () => {
    const key = `${EARLY_PAINT_KEY_PREFIX}${KITCHEN_PATH}`;
    const afterSave = () => new Promise((resolve) => setTimeout(resolve, SCREEN_SAVE_DELAY_MS + 200));
    afterEach(() => {
      localStorage.removeItem(key);
      document.getElementById(EARLY_PAINT_ID)?.remove();
    });

    it('saves the first tickets on screen, for this member and station, once live; forgets them when the kitchen is empty', async () => {
      await open('/kitchen?station=grill');
      await dispatch(OrdersConnectionActions.connectionChanged({ state: 'live', since: minute(1) }));
      await load(order('aaa111', 1, { items: [burger()] }), order('bbb222', 2, { items: [burger()] }));
      await afterSave();
      const saved = JSON.parse(localStorage.getItem(key)!);
      expect(saved).toEqual(jasmine.objectContaining({ uid: 'cook', path: '/kitchen', view: { param: 'station', value: 'grill' } }));
      expect(saved.html).toContain('#AAA111');
      expect(saved.html).toContain('#BBB222');
      expect(saved.html).not.toContain('app-ticket-card');

      await load();
      await afterSave();
      expect(localStorage.getItem(key)).toBeNull();
    });

    it('saves at once when the page goes (a reload) before the screen has settled', async () => {
      await open();
      await dispatch(OrdersConnectionActions.connectionChanged({ state: 'live', since: minute(1) }));
      await load(order('aaa111', 1));
      expect(localStorage.getItem(key)).toBeNull();
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      expect(JSON.parse(localStorage.getItem(key)!).html).toContain('#AAA111');
    });

    it('saves nothing while not live: what it shows may be out of date', async () => {
      await open();
      await dispatch(OrdersConnectionActions.connectionChanged({ state: 'reconnecting', since: minute(1) }));
      await load(order('aaa111', 1));
      await afterSave();
      expect(localStorage.getItem(key)).toBeNull();
    });

    it('takes the painted screen away once the live tickets are drawn', async () => {
      const painted = document.createElement('div');
      painted.id = EARLY_PAINT_ID;
      document.body.appendChild(painted);
      await open();
      expect(painted.isConnected).withContext('gone before the list').toBeTrue();
      await load(order('aaa111', 1));
      expect(painted.isConnected).toBeFalse();
    });
  });

  describe('loading, errors and the connection', () => {
    it('says the kitchen is empty, and where new orders will appear', async () => {
      await open();
      await load();
      expect(tickets().length).toBe(0);
      expect(root.textContent).toContain('No tickets — new orders appear here');
      expect(root.querySelector('app-all-day-panel')!.textContent).toContain('Nothing to cook.');
    });

    it('claims no empty kitchen before any list was read: the loading bar and places for tickets', async () => {
      await open(); // the socket has not joined its rooms yet, so no list has been asked for
      expect(root.querySelector('mat-progress-bar')).not.toBeNull();
      expect(root.querySelectorAll('.placeholder').length).toBeGreaterThan(0);
      expect(root.textContent).not.toContain('No tickets');
      expect(root.textContent).not.toContain('Nothing to cook');
      expect(root.querySelector('.total')?.textContent?.trim()).toBe('Loading…'); // not "0 tickets"

      await load(order('aaa111', 1, { items: [burger()] }));
      expect(root.querySelector('.total')?.textContent?.trim()).toBe('1 ticket');
      expect(root.querySelector('mat-progress-bar')).toBeNull();
      expect(root.querySelectorAll('.placeholder').length).toBe(0);
      expect(tickets().length).toBe(1);
    });

    it('shows the loading bar, then a load error with Try again', async () => {
      await open();
      await dispatch(OrdersBoardActions.boardLoadStarted());
      expect(root.querySelector('mat-progress-bar')).not.toBeNull();
      expect(root.textContent).not.toContain('No tickets');

      await dispatch(OrdersBoardActions.boardLoadFailed({ message: 'The server did not answer.' }));
      expect(root.querySelector('mat-progress-bar')).toBeNull();
      expect(root.querySelector('[role="alert"]')?.textContent).toContain('The server did not answer.');
      await click(named('Try again'));
      expect(live.reload).toHaveBeenCalledTimes(1);
    });

    it('makes it plain when the screen is not live', async () => {
      await open();
      // The first connection: the badge says so; no banner that would push the screen down for a moment.
      expect(root.querySelector('app-connection-badge')?.textContent).toContain('Connecting');
      expect(root.querySelector('.not-live')).toBeNull();

      await dispatch(OrdersConnectionActions.connectionChanged({ state: 'reconnecting', since: minute(1) }));
      expect(root.querySelector('.not-live')?.textContent).toContain('Not live');
      expect(root.querySelector('app-connection-badge')?.textContent).toContain('Reconnecting');
      expect(root.classList).toContain('kds--not-live');

      await dispatch(OrdersConnectionActions.connectionChanged({ state: 'live', since: minute(2) }));
      expect(root.querySelector('.not-live')).toBeNull();
      expect(root.querySelector('app-connection-badge')?.textContent).toContain('Live');
    });
  });

  describe('stations', () => {
    const mixed = () => [order('aaa111', 1, { items: [burger(), fries()] }), order('bbb222', 2, { items: [salad()] })];

    it('shows only the chosen station’s lines, remembers the choice and puts it in the URL', async () => {
      await open();
      await load(...mixed());
      expect(TestBed.inject(Router).url).toBe('/kitchen?station=all');

      await click(station('Fry'));
      expect(station('Fry').getAttribute('aria-pressed')).toBe('true');
      expect(numbers()).toEqual(['#AAA111']);
      expect(lines('aaa111')).toEqual(['Fries']);
      expect(ticket('aaa111')!.querySelector('.other-lines')?.textContent).toContain('+1 line for other stations');
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.station)).toBe('fry');
      expect(TestBed.inject(Router).url).toBe('/kitchen?station=fry');

      // A second station is added to the first; pressed again, it goes.
      await press('3');
      expect(numbers()).toEqual(['#AAA111', '#BBB222']);
      expect(lines('aaa111')).toEqual(['Fries']);
      expect(TestBed.inject(Router).url).toBe('/kitchen?station=fry,cold');
      await press('2');
      expect(numbers()).toEqual(['#BBB222']);
      expect(lines('bbb222')).toEqual(['Caesar salad']);
      await press('0');
      expect(numbers()).toEqual(['#AAA111', '#BBB222']);
      await press('2');

      // Back after a reload: the remembered station, shown in the URL again.
      await open('/elsewhere');
      await open('/kitchen');
      expect(station('Fry').getAttribute('aria-pressed')).toBe('true');
      expect(lines('aaa111')).toEqual(['Fries']);
      expect(TestBed.inject(Router).url).toBe('/kitchen?station=fry');
    });

    it('opens on the member’s own stations (grill and fry), shown in the URL but not remembered as a choice', async () => {
      cook.set({ uid: 'cook', email: 'cook@maestro.test', displayName: 'Cook', role: 'staff', stations: ['fry', 'grill'] });
      await open();
      await load(...mixed());
      expect(station('Grill').getAttribute('aria-pressed')).toBe('true');
      expect(station('Fry').getAttribute('aria-pressed')).toBe('true');
      expect(station('All').getAttribute('aria-pressed')).toBe('false');
      expect(numbers()).toEqual(['#AAA111']);
      expect(lines('aaa111')).toEqual(['Burger', 'Fries']);
      // Two stations on one screen: each line says whose it is.
      expect(Array.from(ticket('aaa111')!.querySelectorAll('.station')).map((s) => s.textContent)).toEqual(['grill', 'fry']);
      expect(root.querySelector('app-all-day-panel .scope')?.textContent).toContain('Grill · Fry');
      expect(TestBed.inject(Router).url).toBe('/kitchen?station=grill,fry');
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.station)).toBeNull();
    });

    it('keeps All when the cook chose it over their own stations, after a reload too', async () => {
      cook.set({ uid: 'cook', email: 'cook@maestro.test', displayName: 'Cook', role: 'staff', stations: ['grill', 'fry'] });
      await open();
      await load(...mixed());
      await click(station('All'));
      expect(numbers()).toEqual(['#AAA111', '#BBB222']);

      await open('/elsewhere');
      await open('/kitchen?station=all');
      await load(...mixed());
      expect(station('All').getAttribute('aria-pressed')).toBe('true');
      expect(numbers()).toEqual(['#AAA111', '#BBB222']);
      expect(TestBed.inject(Router).url).toBe('/kitchen?station=all');
    });

    it('an All saved by an older screen (its default) gives way to the cook’s stations once, its URL too', async () => {
      // What screens saved before stations came from the claims: "all", with no record of who chose it.
      localStorage.setItem(KITCHEN_STORAGE_KEYS.station, 'all');
      cook.set({ uid: 'cook', email: 'cook@maestro.test', displayName: 'Cook', role: 'staff', stations: ['grill', 'fry'] });
      await open('/kitchen?station=all'); // the wall screen reloads the URL the old default left
      await load(...mixed());
      expect(station('Grill').getAttribute('aria-pressed')).toBe('true');
      expect(station('Fry').getAttribute('aria-pressed')).toBe('true');
      expect(station('All').getAttribute('aria-pressed')).toBe('false');
      expect(numbers()).toEqual(['#AAA111']);
      expect(TestBed.inject(Router).url).toBe('/kitchen?station=grill,fry');
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.station)).toBeNull();

      // Once: All chosen now is the cook's choice and stays.
      await click(station('All'));
      await open('/elsewhere');
      await open('/kitchen');
      await load(...mixed());
      expect(station('All').getAttribute('aria-pressed')).toBe('true');
      expect(numbers()).toEqual(['#AAA111', '#BBB222']);
    });

    it('a station an older screen saved is a choice: it stays over the cook’s stations', async () => {
      localStorage.setItem(KITCHEN_STORAGE_KEYS.station, 'cold');
      cook.set({ uid: 'cook', email: 'cook@maestro.test', displayName: 'Cook', role: 'staff', stations: ['grill', 'fry'] });
      await open();
      await load(...mixed());
      expect(numbers()).toEqual(['#BBB222']);
      expect(TestBed.inject(Router).url).toBe('/kitchen?station=cold');
    });

    it('opens on the station a bookmarked URL names', async () => {
      localStorage.setItem(KITCHEN_STORAGE_KEYS.station, 'fry');
      await open('/kitchen?station=cold');
      await load(...mixed());
      expect(station('Cold').getAttribute('aria-pressed')).toBe('true');
      expect(numbers()).toEqual(['#BBB222']);
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.station)).toBe('cold');
    });
  });

  describe('aging', () => {
    const level = () => ticket('aaa111')!.getAttribute('data-level');
    const flag = () => ticket('aaa111')!.querySelector('.age-flag')?.textContent?.trim() ?? null;

    it('turns a ticket yellow at 10:00 and red at 15:00, with a word beside the colour', async () => {
      await open();
      await load(order('aaa111', 0));
      await clockAt(minute(9, 59));
      expect(level()).toBe('on-time');
      expect(flag()).toBeNull();
      await clockAt(minute(10));
      expect(level()).toBe('warning');
      expect(ticket('aaa111')!.classList).toContain('ticket--warning');
      expect(flag()).toContain('Getting late');
      await clockAt(minute(15));
      expect(level()).toBe('late');
      expect(ticket('aaa111')!.classList).toContain('ticket--late');
      expect(flag()).toContain('Late');
    });

    async function setThresholds(warning: string, late: string): Promise<void> {
      if (!root.querySelector('app-aging-settings')) await click(named('Ticket timing settings'));
      const [yellow, red] = Array.from(root.querySelectorAll<HTMLInputElement>('app-aging-settings input'));
      yellow.value = warning;
      yellow.dispatchEvent(new Event('input'));
      red.value = late;
      red.dispatchEvent(new Event('input'));
      await click(named('Save'));
    }

    it('follows the thresholds set in the settings panel, and remembers them', async () => {
      await open();
      await load(order('aaa111', 0));
      await setThresholds('5', '8');
      expect(root.querySelector('app-aging-settings')).toBeNull();
      expect(JSON.parse(localStorage.getItem(KITCHEN_STORAGE_KEYS.aging)!)).toEqual({ warningMinutes: 5, lateMinutes: 8 });

      await clockAt(minute(4, 59));
      expect(level()).toBe('on-time');
      await clockAt(minute(5));
      expect(level()).toBe('warning');
      await clockAt(minute(8));
      expect(level()).toBe('late');
    });

    it('refuses thresholds that make no sense, says why, and keeps the old ones', async () => {
      await open();
      await load(order('aaa111', 0));
      await setThresholds('10', '10');
      expect(root.querySelector('app-aging-settings [role="alert"]')?.textContent).toContain('Red (late) must come after yellow');
      await setThresholds('ten', '15');
      expect(root.querySelector('app-aging-settings [role="alert"]')?.textContent).toContain('whole minutes');
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.aging)).toBeNull();

      await press('Escape');
      expect(root.querySelector('app-aging-settings')).toBeNull();
      await clockAt(minute(10));
      expect(level()).toBe('warning');
    });
  });

  describe('bump and recall', () => {
    it('asks to start a waiting ticket and to ready a cooking one, and offers only that move', async () => {
      await open();
      await load(order('aaa111', 1), order('bbb222', 2, { status: 'PREPARING' }));
      expect(named('Ready #AAA111')).toBeNull();
      expect(named('Start #BBB222')).toBeNull();

      await click(named('Start #AAA111'));
      await click(named('Ready #BBB222'));
      expect(moves()).toEqual(['aaa111: CONFIRMED → PREPARING', 'bbb222: PREPARING → READY']);
    });

    it('shows the move on its way and refuses a second bump until it is answered', async () => {
      await open();
      await load(order('aaa111', 1));
      await click(named('Start #AAA111'));
      expect(ticket('aaa111')!.textContent).toContain('Sending…');
      expect(named('Start #AAA111')).toBeNull();
      await press('Enter', document.body);
      expect(requests.length).toBe(1);

      answer(requests[0]);
      await settle();
      expect(named('Start #AAA111')).not.toBeNull();

      // An optimistic move held in the store shows the same way.
      await dispatch(OrdersCommandActions.statusChangeOptimistic({ orderId: 'aaa111', from: 'CONFIRMED', to: 'PREPARING' }));
      expect(ticket('aaa111')!.textContent).toContain('Sending…');
      expect(ticket('aaa111')!.querySelector('button')).toBeNull();
    });

    it('says why a move failed', async () => {
      await open();
      await load(order('aaa111', 1));
      await click(named('Start #AAA111'));
      answer(requests[0], 'Someone cancelled this order.');
      await settle();
      expect(notifier.error).toHaveBeenCalledOnceWith('#AAA111: Someone cancelled this order.');
      expect(named('Start #AAA111')).not.toBeNull();
    });

    it('says each move it made in the polite live region (started, ready, recalled); a refused one is left to the error', async () => {
      await open();
      await load(order('aaa111', 1), order('bbb222', 2, { status: 'PREPARING' }));
      const spoken = () => root.querySelector('[aria-live="polite"].visually-hidden')?.textContent?.trim();

      await click(named('Start #AAA111'));
      expect(spoken()).withContext('nothing until the move is made').toBe('');
      answer(requests[0]);
      await settle();
      expect(spoken()).toBe('#AAA111, Table 4: started.');

      await click(named('Ready #BBB222'));
      answer(requests[1]);
      await settle();
      expect(spoken()).toBe('#BBB222, Table 4: ready, in Recently bumped.');

      await dispatch(statusChanged('bbb222', 'PREPARING', 'READY', 2));
      await click(named('Recall #BBB222'));
      answer(requests[2]);
      await settle();
      expect(spoken()).toBe('#BBB222, Table 4: recalled, cooking again.');

      await dispatch(statusChanged('bbb222', 'READY', 'PREPARING', 3));
      await click(named('Ready #BBB222'));
      answer(requests[3], 'Someone cancelled this order.');
      await settle();
      expect(spoken()).withContext('a refusal is not said as done').toBe('#BBB222, Table 4: recalled, cooking again.');
      expect(notifier.error).toHaveBeenCalledOnceWith('#BBB222: Someone cancelled this order.');
    });

    it('keeps what this screen bumped to Ready, newest first, for Recall (button and R), while it is still Ready', async () => {
      await open();
      await load(order('aaa111', 1, { status: 'PREPARING' }), order('bbb222', 2, { status: 'PREPARING' }), order('ccc333', 3, { status: 'PREPARING' }));
      const strip = () => Array.from(root.querySelectorAll('app-recall-strip li .number')).map((n) => n.textContent?.trim());

      await click(named('Ready #AAA111'));
      await click(named('Ready #BBB222'));
      await click(named('Ready #CCC333'));
      expect(strip()).withContext('not READY yet').toEqual([]);
      await dispatch(statusChanged('aaa111', 'PREPARING', 'READY', 2));
      await dispatch(statusChanged('bbb222', 'PREPARING', 'READY', 2));
      await dispatch(statusChanged('ccc333', 'PREPARING', 'READY', 2));
      expect(numbers()).withContext('ready tickets leave the display').toEqual([]);
      expect(strip()).toEqual(['#CCC333', '#BBB222', '#AAA111']);
      expect(named('Recall #AAA111')).withContext('no recall while the bump is on its way').toBeNull();
      requests.forEach((request) => answer(request));
      await settle();
      expect(named('Recall #AAA111')).not.toBeNull();

      // Served meanwhile at the pass: nothing to recall any more.
      await dispatch(statusChanged('ccc333', 'READY', 'SERVED', 3));
      expect(strip()).toEqual(['#BBB222', '#AAA111']);
      expect(named('Recall #CCC333')).toBeNull();

      requests.length = 0;
      await press('r', document.body);
      expect(moves()).toEqual(['bbb222: READY → PREPARING']);
      await click(named('Recall #AAA111'));
      expect(moves()).toEqual(['bbb222: READY → PREPARING', 'aaa111: READY → PREPARING']);

      await dispatch(statusChanged('bbb222', 'READY', 'PREPARING', 3));
      expect(numbers()).withContext('a recalled ticket comes back').toEqual(['#BBB222']);
      expect(strip()).toEqual(['#AAA111']);
      expect(chime.play).not.toHaveBeenCalled();
    });
  });

  describe('keyboard', () => {
    const selected = () => tickets().find((t) => t.classList.contains('ticket--selected'))?.getAttribute('data-order-id');

    it('moves the selection with the arrows (roving tabindex) and bumps the selected ticket with Enter or Space', async () => {
      await open();
      await load(order('aaa111', 1), order('bbb222', 2), order('ccc333', 3, { status: 'PREPARING' }));
      expect(selected()).toBe('aaa111');
      expect(tickets().map((t) => t.tabIndex)).toEqual([0, -1, -1]);

      await press('ArrowRight', document.body);
      expect(selected()).toBe('bbb222');
      expect(document.activeElement).toBe(ticket('bbb222'));
      expect(tickets().map((t) => t.tabIndex)).toEqual([-1, 0, -1]);
      await press('Enter');
      expect(moves()).toEqual(['bbb222: CONFIRMED → PREPARING']);

      await press('ArrowRight');
      await press('ArrowRight');
      expect(selected()).withContext('stops at the last ticket').toBe('ccc333');
      await press(' ');
      await press('ArrowLeft');
      await press('ArrowLeft');
      expect(selected()).toBe('aaa111');
      expect(moves()).toEqual(['bbb222: CONFIRMED → PREPARING', 'ccc333: PREPARING → READY']);
    });

    it('moves up and down by a row of the wrapping grid', async () => {
      await open();
      await load(order('aaa111', 1), order('bbb222', 2), order('ccc333', 3), order('ddd444', 4));
      root.querySelector<HTMLElement>('.feed')!.style.gridTemplateColumns = 'repeat(2, 300px)';
      await press('ArrowDown', document.body);
      expect(selected()).toBe('ccc333');
      await press('ArrowRight');
      await press('ArrowUp');
      expect(selected()).toBe('bbb222');
      await press('ArrowUp');
      expect(selected()).toBe('bbb222');
    });

    it('hands the selection and the focus to the ticket that takes the place of one bumped away', async () => {
      await open();
      await load(order('aaa111', 1), order('bbb222', 2, { status: 'PREPARING' }), order('ccc333', 3));
      await press('ArrowRight', document.body);
      await press('Enter');
      expect(moves()).toEqual(['bbb222: PREPARING → READY']);
      await dispatch(statusChanged('bbb222', 'PREPARING', 'READY', 2));
      expect(selected()).toBe('ccc333');
      expect(document.activeElement).toBe(ticket('ccc333'));
    });

    it('answers M, ? and Escape, F, and ignores keys typed into a field', async () => {
      await open();
      await load(order('aaa111', 1, { items: [burger(), fries()] }));

      await press('m', document.body);
      expect(named('Sound')!.getAttribute('aria-pressed')).toBe('false');
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.sound)).toBe('off');

      await press('?', document.body);
      const help = root.querySelector('[role="dialog"]');
      expect(help?.textContent).toContain('Keyboard shortcuts');
      expect(help?.textContent).toContain('Recall the last ticket bumped to Ready');
      await press('2', document.body);
      expect(lines('aaa111')).withContext('keys belong to the open panel').toEqual(['Burger', 'Fries']);
      await press('Escape', document.body);
      expect(root.querySelector('[role="dialog"]')).toBeNull();

      const fullscreen = spyOn(document.documentElement, 'requestFullscreen').and.resolveTo();
      await press('f', document.body);
      expect(fullscreen).toHaveBeenCalledTimes(1);

      const field = document.createElement('input');
      document.body.appendChild(field);
      try {
        await press('2', field);
        await press('Enter', field);
        expect(lines('aaa111')).toEqual(['Burger', 'Fries']);
        expect(requests).toEqual([]);
      } finally {
        field.remove();
      }
    });
  });

  describe('new tickets', () => {
    const bellCount = () => root.querySelector('.bell')?.getAttribute('data-chimes');

    it('glows and chimes for a ticket that arrives after the first list, not for the list itself', async () => {
      await open();
      await load(order('aaa111', 1));
      expect(chime.play).not.toHaveBeenCalled();
      expect(ticket('aaa111')!.classList).not.toContain('ticket--new');

      await dispatch(realtimeAction('order:created', { order: order('bbb222', 2), version: 1 }));
      expect(chime.play).toHaveBeenCalledTimes(1);
      expect(ticket('bbb222')!.classList).toContain('ticket--new');
      expect(ticket('bbb222')!.getAttribute('data-chimed')).toBe('true');
      expect(ticket('aaa111')!.getAttribute('data-chimed')).toBeNull();
      expect(bellCount()).toBe('1');
      expect(root.querySelector('[aria-live="polite"].visually-hidden')?.textContent).toContain('New ticket #BBB222, Table 4');

      // An order being placed reaches the kitchen when the saga confirms it.
      await dispatch(realtimeAction('order:created', { order: order('ccc333', 3, { status: 'PENDING' }), version: 1 }));
      expect(chime.play).toHaveBeenCalledTimes(1);
      await dispatch(statusChanged('ccc333', 'PENDING', 'CONFIRMED', 2));
      expect(chime.play).toHaveBeenCalledTimes(2);
      expect(bellCount()).toBe('2');

      await clockAt(minute(1, 9));
      expect(ticket('bbb222')!.classList).toContain('ticket--new');
      await clockAt(minute(1, 11));
      expect(ticket('bbb222')!.classList).not.toContain('ticket--new');
      expect(ticket('bbb222')!.getAttribute('data-chimed')).withContext('the record stays').toBe('true');
    });

    it('stays quiet when a resync brings back tickets already shown, and chimes for the ones it adds', async () => {
      await open();
      await load(order('aaa111', 1), order('bbb222', 2));
      await dispatch(OrdersBoardActions.boardLoadStarted());
      await load(order('aaa111', 1, { version: 2 }), order('bbb222', 2), order('ccc333', 3));
      expect(chime.play).toHaveBeenCalledTimes(1);
      expect(ticket('ccc333')!.getAttribute('data-chimed')).toBe('true');
      expect(ticket('aaa111')!.getAttribute('data-chimed')).toBeNull();
    });

    it('stays quiet on a station switch', async () => {
      localStorage.setItem(KITCHEN_STORAGE_KEYS.station, 'grill');
      await open();
      await load(order('aaa111', 1, { items: [burger()] }), order('bbb222', 2, { items: [salad()] }));
      expect(numbers()).toEqual(['#AAA111']);
      await press('3', document.body);
      expect(numbers()).toEqual(['#AAA111', '#BBB222']);
      await press('0', document.body);
      expect(chime.play).not.toHaveBeenCalled();
      expect(root.querySelectorAll('.ticket--new').length).toBe(0);
    });

    it('with the sound off, still glows but does not chime', async () => {
      await open();
      await load(order('aaa111', 1));
      await click(named('Sound'));
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.sound)).toBe('off');
      await dispatch(realtimeAction('order:created', { order: order('bbb222', 2), version: 1 }));
      expect(chime.play).not.toHaveBeenCalled();
      expect(ticket('bbb222')!.classList).toContain('ticket--new');
      expect(ticket('bbb222')!.getAttribute('data-chimed')).toBeNull();
      expect(root.querySelector('.bell')?.getAttribute('aria-label')).toBe('Sound off');
    });

    it('makes its audio only once the first tickets are on screen, not before them', async () => {
      await open();
      expect(chime.prepare).not.toHaveBeenCalled();
      await load(order('aaa111', 1));
      expect(ticket('aaa111')).not.toBeNull();
      expect(chime.prepare).not.toHaveBeenCalled(); // not in the task that drew them: after they painted
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, CHIME_PREPARE_AFTER_PAINT_MS + 50)));
      expect(chime.prepare).toHaveBeenCalled();
    });

    it('makes no audio with the sound off', async () => {
      localStorage.setItem(KITCHEN_STORAGE_KEYS.sound, 'off');
      await open();
      await load(order('aaa111', 1));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, CHIME_PREPARE_AFTER_PAINT_MS + 50)));
      expect(chime.prepare).not.toHaveBeenCalled();
    });

    it('asks for a click when the browser holds the sound', async () => {
      chime.state.set('blocked');
      await open();
      await click(named('Click to enable sound'));
      expect(chime.unlock).toHaveBeenCalled();
      chime.state.set('ready');
      await settle();
      expect(root.textContent).not.toContain('Click to enable sound');
    });
  });

  describe('86', () => {
    it('lists what is 86’d for the stations shown; a cook takes a dish off and back through a menu change, with Undo', async () => {
      const asked: DomainEvent<'MENU_CHANGE_REQUESTED'>[] = [];
      // Stands in for the menu orchestrator: answers each change with the dish as the API would.
      // The factory is taken now: a request after the test (an Undo's timer) must not build a new TestBed.
      const events = TestBed.inject(EventFactory);
      const answering = bus.on('MENU_CHANGE_REQUESTED').subscribe((request) => {
        asked.push(request);
        const change = request.payload.change;
        if (change.kind !== 'updateItem') return;
        const dish = menu.find((d) => d.id === change.menuItemId)!;
        const menuItem = { ...dish, available: change.patch.available!, version: dish.version + 1 };
        bus.emit(events.follow(request, 'MENU_CHANGED', { change, result: { kind: 'item', menuItem } }));
      });
      await open('/kitchen?station=grill');
      await new Promise((resolve) => setTimeout(resolve));
      await settle();
      const panel = root.querySelector('app-eighty-six-panel')!;
      expect(panel.textContent).toContain('Soup');
      expect(panel.textContent).not.toContain('Lemonade');
      panel.querySelector<HTMLButtonElement>('[aria-label="Back on: Soup"]')!.click();
      await new Promise((resolve) => setTimeout(resolve));
      await settle();
      expect(asked.map((e) => e.payload.change)).toEqual([{ kind: 'updateItem', menuItemId: 'soup', patch: { available: true } }]);
      expect(panel.textContent).toContain('Nothing is 86’d.');
      [...panel.querySelectorAll('button')].find((b) => b.textContent?.includes('86 a dish'))!.click();
      await settle();
      panel.querySelector<HTMLButtonElement>('[aria-label="86 House burger"]')!.click();
      await new Promise((resolve) => setTimeout(resolve));
      await settle();
      expect(asked.at(-1)!.payload.change).toEqual({ kind: 'updateItem', menuItemId: 'burger', patch: { available: false } });
      expect(panel.querySelector('[aria-label="Back on: House burger"]')).not.toBeNull();
      answering.unsubscribe();
    });
  });
});
