import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  afterNextRender,
  afterRenderEffect,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { KitchenStation, Order, OrderStatus } from '@maestro/contracts';
import { Store } from '@ngrx/store';
import { Session } from '../../../core/auth/session';
import { EventRequests } from '../../../core/events/event-requests';
import { EarlyPaint, copyForEarlyPaint } from '../../../core/hydration/early-paint';
import { Notifier } from '../../../core/notify/notifier';
import { CLOCK } from '../../../core/time/clock';
import { EmptyState } from '../../../shared/ui/empty-state';
import { aboutOrder, orderDestination, orderNumber } from '../../model/order-labels';
import { OrdersLive } from '../../orchestrator/orders-live';
import {
  selectAllDayCounts,
  selectAllOrders,
  selectAwaitingList,
  selectConnection,
  selectKitchenTickets,
  selectLoadError,
  selectLoadedAt,
  selectPending,
} from '../../state/orders.selectors';
import { stationFilterOf, type StationFilter } from '../../state/kitchen-view';
import { ConnectionBadge } from '../connection-badge';
import { AgingSettings } from './aging-settings';
import { AllDayPanel } from './all-day-panel';
import { EightySixPanel } from './eighty-six-panel';
import { KitchenChime } from './kitchen-chime';
import { KitchenFrame } from './kitchen-frame';
import { KITCHEN_STATIONS, kitchenCommand, type KitchenCommand, type MoveDirection } from './kitchen-keys';
import { bumpTarget, canRecall, rememberBump } from './kitchen-moves';
import { KitchenPreferences, parseStations, stationsParam } from './kitchen-preferences';
import { KitchenTicker } from './kitchen-ticker';
import { NewTicketTracker } from './new-ticket-tracker';
import { RecallStrip } from './recall-strip';
import { ShortcutsHelp } from './shortcuts-help';
import type { AgingThresholds } from './ticket-aging';
import { TicketCard } from './ticket-card';

/** How long a new ticket glows. */
export const NEW_TICKET_MS = 10_000;
/**
 * The first frame draws about the tickets the screen shows (ticketsThatFit), then each frame
 * after it this many more until all are drawn: 108 tickets at once took a phone's CPU about a
 * second before any showed, and each ticket drawn before the first paint costs a phone ~40 ms
 * (issue 21's bench).
 */
export const TICKETS_PER_FRAME = 24;
/** A ticket is at least this wide and tall, gap included (the feed's grid; one dish, no notes). */
const TICKET_MIN_WIDTH_PX = 316;
const TICKET_MIN_HEIGHT_PX = 180;

/** At least as many tickets as a screen of this size shows at once (fewer never: a gap would show). */
export function ticketsThatFit(width: number, height: number): number {
  const columns = Math.max(1, Math.floor(width / TICKET_MIN_WIDTH_PX));
  const rows = Math.max(1, Math.ceil(height / TICKET_MIN_HEIGHT_PX));
  return Math.min(TICKETS_PER_FRAME, columns * rows);
}
/** After the first tickets painted, the chime's audio waits this long more: the next batches of tickets come first. */
export const CHIME_PREPARE_AFTER_PAINT_MS = 300;
/** The path the screen is saved under for the shell's early painter (EarlyPaint). */
export const KITCHEN_PATH = '/kitchen';
/** Saved once the tickets have settled this long: not on every tick of a busy service. */
export const SCREEN_SAVE_DELAY_MS = 1_000;
/** At most this many tickets are saved: what the screen showed, not the whole list. */
const SAVED_TICKETS = 12;

const STATION_LABEL: Record<KitchenStation, string> = { grill: 'Grill', fry: 'Fry', cold: 'Cold', pastry: 'Pastry', bar: 'Bar' };

/**
 * The kitchen display a cook runs a service on: live tickets oldest first, ageing from yellow to
 * red, bumped by touch or keyboard, a chime for each new one, and the all-day tally.
 */
@Component({
  selector: 'app-kitchen-display-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    EmptyState,
    ConnectionBadge,
    KitchenFrame,
    TicketCard,
    AllDayPanel,
    EightySixPanel,
    RecallStrip,
    AgingSettings,
    ShortcutsHelp,
  ],
  templateUrl: './kitchen-display-page.html',
  styleUrl: './kitchen-display-page.scss',
  providers: [KitchenTicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.kds--not-live]': 'connectionLost()',
    '(document:keydown)': 'onKey($event)',
    '(document:pointerdown)': 'onPointer()',
    '(document:fullscreenchange)': 'fullscreen.set(!!document.fullscreenElement)',
    // Reloaded or closed before the screen had settled: saved now, not lost.
    '(window:pagehide)': 'pendingSave?.()',
  },
})
export class KitchenDisplayPage {
  private readonly store = inject(Store);
  private readonly requests = inject(EventRequests);
  private readonly notifier = inject(Notifier);
  private readonly live = inject(OrdersLive);
  private readonly preferences = inject(KitchenPreferences);
  private readonly clock = inject(CLOCK);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  protected readonly document = inject(DOCUMENT);
  protected readonly chime = inject(KitchenChime);
  protected readonly now = inject(KitchenTicker).now;

  protected readonly stations = KITCHEN_STATIONS;
  protected readonly stationLabel = STATION_LABEL;
  private readonly session = inject(Session);
  private readonly earlyPaint = inject(EarlyPaint);
  /** The screen's save waiting for it to settle, run at once if the page goes first. */
  protected pendingSave: (() => void) | null = null;
  private readonly memberStations = computed(() => stationFilterOf(this.session.user()?.stations ?? []));
  /**
   * The stations shown: the ones chosen on this screen (chips, keys, a bookmarked URL), else the
   * member's own (an admin gives a cook grill and fry on the Team page), else every station.
   */
  protected readonly station = computed(() => this.preferences.stations() ?? this.memberStations());
  protected readonly stationScope = computed(() => this.station().map((s) => STATION_LABEL[s]).join(' · '));
  protected readonly aging = this.preferences.aging;
  protected readonly sound = this.preferences.sound;

  protected readonly connection = this.store.selectSignal(selectConnection);
  /**
   * Not live after all: the first attempt failed or a live socket dropped. The first "Connecting…"
   * is said by the badge alone: a banner there for a moment on every opening pushed the whole
   * screen down and back up (issue 21's kitchen CLS of 1.1).
   */
  protected readonly connectionLost = computed(() => ['reconnecting', 'offline'].includes(this.connection().state));
  /** Placeholders of a ticket's size while the first list loads, so the panels under it stay put. */
  protected readonly placeholders = [1, 2, 3, 4, 5, 6];
  protected readonly loading = this.store.selectSignal(selectAwaitingList);
  protected readonly loadError = this.store.selectSignal(selectLoadError);
  private readonly loadedAt = this.store.selectSignal(selectLoadedAt);
  private readonly pending = this.store.selectSignal(selectPending);
  private readonly orders = this.store.selectSignal(selectAllOrders);
  // The selectors are memoised per station, so reading them off the whole state follows the
  // station choice in the same change detection as the state (no frame showing the old station).
  private readonly state = this.store.selectSignal((state: Record<string, unknown>) => state);
  protected readonly tickets = computed(() => selectKitchenTickets(this.station())(this.state()));
  /** How many tickets are drawn so far; unlimited once every ticket of the first list has been. */
  private readonly firstFrame = ticketsThatFit(this.document.defaultView?.innerWidth ?? 0, this.document.defaultView?.innerHeight ?? 0);
  private readonly drawLimit = signal(this.firstFrame);
  protected readonly drawn = computed(() => {
    const tickets = this.tickets();
    return tickets.length > this.drawLimit() ? tickets.slice(0, this.drawLimit()) : tickets;
  });
  /**
   * The all-day tally, or null while it is not known: the list is loading, or its first tickets
   * are still to paint (the tally waits a frame for them: it is beside or below them, and the
   * tickets are what the cook looks for first).
   */
  protected readonly allDay = computed(() => {
    if (this.loading() && !this.tickets().length) return null;
    if (this.tickets().length && this.drawLimit() === this.firstFrame) return null;
    return selectAllDayCounts(this.station())(this.state());
  });

  /** Moves this screen asked for and the orchestrator has not answered yet. */
  private readonly sending = signal<ReadonlySet<string>>(new Set());
  private readonly bumped = signal<readonly string[]>([]);
  protected readonly recallable = computed(() => {
    const byId = new Map(this.orders().map((order) => [order.id, order]));
    return this.bumped().flatMap((id) => {
      const order = byId.get(id);
      return order && canRecall(order) ? [order] : [];
    });
  });
  protected readonly recallPending = computed(() => this.recallable().flatMap((order) => (this.isPending(order.id) ? [order.id] : [])));

  private readonly tracker = new NewTicketTracker();
  private readonly newSince = signal<ReadonlyMap<string, number>>(new Map());
  protected readonly chimed = signal<ReadonlySet<string>>(new Set());
  protected readonly chimes = signal(0);
  private readonly lastChimeAt = signal<number | null>(null);
  protected readonly ringing = computed(() => {
    const at = this.lastChimeAt();
    return at !== null && this.now() - at < NEW_TICKET_MS;
  });
  protected readonly announcement = signal('');
  protected readonly soundBlocked = computed(() => this.sound() && this.chime.state() === 'blocked');

  /** The keyboard's ticket; when it leaves, the one that took its place. */
  private readonly selection = signal<{ id: string; index: number } | null>(null);
  protected readonly selectedId = computed(() => {
    const tickets = this.tickets();
    if (!tickets.length) return null;
    const chosen = this.selection();
    if (chosen && tickets.some((ticket) => ticket.order.id === chosen.id)) return chosen.id;
    return tickets[Math.min(chosen?.index ?? 0, tickets.length - 1)].order.id;
  });
  /** Focus follows the selection while the cook uses keys; a tap or click ends that. */
  private keyboardMode = false;
  private focusedOnOpen = false;

  protected readonly settingsOpen = signal(false);
  protected readonly helpOpen = signal(false);
  protected readonly fullscreen = signal(!!this.document.fullscreenElement);

  constructor() {
    this.live.attach();
    // A wall screen reloads the URL the old default put there (?station=all): not a choice either.
    this.followStationInUrl(this.preferences.settleFor(this.memberStations()));

    effect(() => {
      const ids = this.tickets().map((ticket) => ticket.order.id);
      const view = { station: stationsParam(this.station()), listed: this.loadedAt() !== null };
      untracked(() => {
        const fresh = this.tracker.observe(ids, view);
        if (fresh.length) this.welcome(fresh);
      });
    });

    // The rest of a long first list after the first tickets have painted, a batch per frame.
    afterRenderEffect((onCleanup) => {
      const limit = this.drawLimit();
      if (!Number.isFinite(limit)) return;
      const total = this.tickets().length;
      if (!this.loadedAt() || total === 0) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const frame = requestAnimationFrame(() => (timer = setTimeout(() => this.drawLimit.set(limit + TICKETS_PER_FRAME >= total ? Infinity : limit + TICKETS_PER_FRAME))));
      onCleanup(() => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      });
    });

    // The last screen the shell painted from the HTML goes once the live list is drawn (or failed),
    // and the screen is saved for the next opening once its tickets have settled.
    afterRenderEffect(() => {
      if (this.loadedAt() !== null || this.loadError()) this.earlyPaint.remove();
    });
    // The audio context (for the "Click to enable sound" notice, fixed at the bottom: nothing moves
    // when it comes) once the first tickets have painted: made at start, or in the task after their
    // render (before the browser painted them), it held a phone's CPU ~110 ms (4×) before they
    // showed. A chime or a click makes it at once anyway (KitchenChime).
    afterRenderEffect((onCleanup) => {
      if (!this.sound() || (this.loadedAt() === null && !this.loadError())) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const frame = requestAnimationFrame(() => (timer = setTimeout(() => this.chime.prepare(), CHIME_PREPARE_AFTER_PAINT_MS)));
      onCleanup(() => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      });
    });
    afterRenderEffect((onCleanup) => {
      const uid = this.session.user()?.uid;
      const drawn = this.drawn();
      if (!uid || this.loadedAt() === null || this.connection().state !== 'live') return;
      const save = (this.pendingSave = () => {
        this.pendingSave = null;
        this.saveScreen(uid, drawn.length);
      });
      const timer = setTimeout(save, SCREEN_SAVE_DELAY_MS);
      onCleanup(() => {
        clearTimeout(timer);
        if (this.pendingSave === save) this.pendingSave = null;
      });
    });
    inject(DestroyRef).onDestroy(() => this.earlyPaint.remove());

    // A bumped ticket leaves the screen with the focus on it: hand the focus to the one in its place.
    // And the first ticket takes the focus once, when the screen opens: a keyboard starts there.
    afterRenderEffect(() => {
      const id = this.selectedId();
      const active = this.document.activeElement;
      const free = !active || active === this.document.body;
      if (id && free && (this.keyboardMode || !this.focusedOnOpen)) this.card(id)?.focus();
      if (id) this.focusedOnOpen = true;
    });
  }

  protected isNew(orderId: string): boolean {
    const since = this.newSince().get(orderId);
    return since !== undefined && this.now() - since < NEW_TICKET_MS;
  }

  protected isPending(orderId: string): boolean {
    return orderId in this.pending() || this.sending().has(orderId);
  }

  /** All (null) shows every station; a station is added to or taken from those shown. */
  protected chooseStation(station: KitchenStation | null): void {
    const shown = this.station();
    const next = station === null ? [] : shown.includes(station) ? shown.filter((s) => s !== station) : [...shown, station];
    const stations = stationFilterOf(next);
    this.preferences.setStations(stations, this.memberStations());
    this.showStationsInUrl(stations);
  }

  private showStationsInUrl(stations: StationFilter): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { station: stationsParam(stations) },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected async bump(order: Order): Promise<void> {
    const to = bumpTarget(order);
    if (!to || this.isPending(order.id)) return;
    if (to === 'READY') this.bumped.update((ids) => rememberBump(ids, order.id));
    await this.requestMove(order, to, to === 'READY' ? 'ready, in Recently bumped' : 'started');
  }

  protected async recall(order: Order): Promise<void> {
    if (!canRecall(order) || this.isPending(order.id)) return;
    await this.requestMove(order, 'PREPARING', 'recalled, cooking again');
  }

  protected select(orderId: string, index: number): void {
    this.selection.set({ id: orderId, index });
  }

  protected retry(): void {
    void this.live.reload();
  }

  protected toggleSound(): void {
    const on = !this.sound();
    this.preferences.setSound(on);
    // Turning sound on is a click or a key press: the moment the browser lets audio start.
    if (on) void this.chime.unlock();
  }

  protected enableSound(): void {
    void this.chime.unlock();
  }

  protected saveAging(thresholds: AgingThresholds): void {
    this.preferences.setAging(thresholds);
    this.settingsOpen.set(false);
  }

  protected toggleFullscreen(): void {
    const request = this.document.fullscreenElement ? this.document.exitFullscreen() : this.document.documentElement.requestFullscreen();
    request.catch(() => this.notifier.info('The browser did not allow full screen here. Use its own full-screen key (F11).'));
  }

  protected onPointer(): void {
    this.keyboardMode = false;
    if (this.soundBlocked()) void this.chime.unlock();
  }

  protected onKey(event: KeyboardEvent): void {
    if (this.soundBlocked()) void this.chime.unlock();
    // Menus, dialogs and snackbars of the app keep their own keys.
    if (event.target instanceof Element && event.target.closest('.cdk-overlay-container')) return;
    const command = kitchenCommand(event);
    if (!command || !this.allowed(command)) return;
    event.preventDefault();
    this.run(command);
  }

  /** While a panel is open, keys belong to it, except the ones that close it. */
  private allowed(command: KitchenCommand): boolean {
    if (!this.settingsOpen() && !this.helpOpen()) return true;
    return command.kind === 'close' || (command.kind === 'help' && this.helpOpen());
  }

  private run(command: KitchenCommand): void {
    switch (command.kind) {
      case 'move':
        return this.moveSelection(command.direction);
      case 'bump': {
        this.keyboardMode = true;
        const ticket = this.tickets().find((t) => t.order.id === this.selectedId());
        if (ticket) void this.bump(ticket.order);
        return;
      }
      case 'recall': {
        const last = this.recallable()[0];
        if (last) void this.recall(last);
        return;
      }
      case 'station':
        return this.chooseStation(command.station);
      case 'sound':
        return this.toggleSound();
      case 'fullscreen':
        return this.toggleFullscreen();
      case 'help':
        return this.helpOpen.update((open) => !open);
      case 'close':
        this.helpOpen.set(false);
        this.settingsOpen.set(false);
        return;
    }
  }

  private moveSelection(direction: MoveDirection): void {
    const tickets = this.tickets();
    if (!tickets.length) return;
    this.keyboardMode = true;
    const from = Math.max(0, tickets.findIndex((t) => t.order.id === this.selectedId()));
    const columns = this.columns();
    const step: Record<MoveDirection, number> = {
      left: from - 1,
      right: from + 1,
      up: from - columns,
      down: from + columns,
      first: 0,
      last: tickets.length - 1,
    };
    let to = step[direction];
    // Up from the top row, or down past the last ticket, stays put: no jump to another column.
    if (to < 0 || to >= tickets.length) to = direction === 'left' || direction === 'right' ? Math.min(Math.max(to, 0), tickets.length - 1) : from;
    const id = tickets[to].order.id;
    this.selection.set({ id, index: to });
    this.card(id)?.focus();
  }

  /** The first tickets on screen, for the shell to paint at the next opening; none saved when there are none. */
  private saveScreen(uid: string, drawn: number): void {
    const feed = this.host.querySelector<HTMLElement>('.body > section.feed[role="feed"]');
    const copy = drawn && feed ? copyForEarlyPaint(feed, { itemSelector: 'app-ticket-card', limit: SAVED_TICKETS, dropClasses: ['ticket--new', 'ticket--selected', 'ticket--pending'] }) : null;
    if (!copy) return this.earlyPaint.forget(KITCHEN_PATH);
    this.earlyPaint.save({
      uid,
      path: KITCHEN_PATH,
      anchor: 'app-kitchen-display-page .body > section.feed',
      view: { param: 'station', value: stationsParam(this.station()) },
      ...copy,
    });
  }

  /** Tickets per row as laid out now: the grid wraps with the screen's width. */
  private columns(): number {
    const cards = Array.from(this.host.querySelectorAll<HTMLElement>('app-ticket-card'));
    if (!cards.length) return 1;
    const top = cards[0].offsetTop;
    return Math.max(1, cards.filter((card) => card.offsetTop === top).length);
  }

  private card(orderId: string): HTMLElement | null {
    return this.host.querySelector<HTMLElement>(`app-ticket-card[data-order-id="${CSS.escape(orderId)}"]`);
  }

  /** `done` is what the live region says once the move is made: a cook who cannot see the screen hears it. */
  private async requestMove(order: Order, to: OrderStatus, done: string): Promise<void> {
    this.sending.update((ids) => new Set(ids).add(order.id));
    try {
      const outcome = await this.requests.send('ORDER_STATUS_CHANGE_REQUESTED', { orderId: order.id, from: order.status, to }, 'ORDER_STATUS_CHANGED');
      // A refusal goes to the snackbar, which screen readers hear too.
      if (outcome.ok) this.announcement.set(`${orderNumber(order)}, ${orderDestination(order)}: ${done}.`);
      else this.notifier.error(aboutOrder(order, outcome.message));
    } finally {
      this.sending.update((ids) => {
        const next = new Set(ids);
        next.delete(order.id);
        return next;
      });
    }
  }

  /** New tickets glow, chime once together, and are read out politely. */
  private welcome(orderIds: readonly string[]): void {
    const at = this.clock.now().getTime();
    this.newSince.update((since) => new Map([...since, ...orderIds.map((id) => [id, at] as const)]));
    const orders = this.tickets().filter((ticket) => orderIds.includes(ticket.order.id)).map((ticket) => ticket.order);
    this.announcement.set(orders.map((order) => `New ticket ${orderNumber(order)}, ${orderDestination(order)}`).join('. '));
    if (!this.sound()) return;
    this.chime.play();
    this.chimed.update((ids) => new Set([...ids, ...orderIds]));
    this.chimes.update((count) => count + orderIds.length);
    this.lastChimeAt.set(at);
  }

  /**
   * A choice of stations is remembered (localStorage) and shown in the URL (`?station=grill,fry`),
   * so a wall screen can be bookmarked per station. Stations in the URL win over the remembered
   * ones; the member's own stations only fill in (shown in the URL, not remembered), so a cook
   * given other stations later opens on those. An All that gave way (settleFor) is ignored in the
   * URL the screen opened with too.
   */
  private followStationInUrl(allGaveWay: boolean): void {
    const urlAllGivesWay = () => allGaveWay && parseStations(this.route.snapshot.queryParamMap.get('station'))?.length === 0;
    let ignoreUrlAll = urlAllGivesWay(); // the URL the screen opened with only
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const fromUrl = parseStations(params.get('station'));
      const ignored = ignoreUrlAll && fromUrl?.length === 0;
      ignoreUrlAll = false;
      if (ignored) return;
      if (fromUrl !== undefined && stationsParam(fromUrl) !== stationsParam(this.station())) this.preferences.setStations(fromUrl, this.memberStations());
    });
    // After the first render: the navigation that opened the page has finished by then.
    afterNextRender(() => {
      if (parseStations(this.route.snapshot.queryParamMap.get('station')) === undefined || urlAllGivesWay()) this.showStationsInUrl(this.station());
    });
  }
}
