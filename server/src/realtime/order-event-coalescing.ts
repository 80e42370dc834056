import {
  ORDER_EVENT_NAMES,
  type Order,
  type OrderEventName,
  type OrderEventPayloads,
} from '@maestro/contracts';
import type { Logger } from '../logger';
import type { OrderRoomsBroadcaster } from './order-rooms-broadcaster';

// Coalescing a burst of changes to one order (MAESTRO_REALTIME_COALESCE_MS, issue 20 point 3).
//
// The first change of an order goes out at once and opens a window. Changes that arrive while it
// is open are held; when it ends, ONE `order:updated` goes out carrying the whole order as it is
// then (read once, or the latest full order a held event carried) and the union of what changed,
// and a new window opens. A window that ends with nothing held closes: the next change goes out at
// once again. `order:created` and `order:deleted` are never held; a delete drops what is held (the
// order is gone, and its version is higher). Orders never share a window. Held events never
// overtake each other: while a window is open every change of that order waits in it.
//
// Several API nodes: each node coalesces what its own writes publish. That stays correct because
// every payload carries the order's version and clients apply only what is newer than they hold;
// the full order sent at a window's end is read after the window's writes committed, so it holds
// them and any change another node made before the read; and nothing waits longer than one window
// (plus the read). What it does not cover: a diff from another node (an item, a status) of a later
// version overtaking a held change; the client applies it to its older copy and may then drop the
// held full order as no newer, missing that change until the order's next full copy (a later
// update, a resync, a reload). Two nodes' events can cross without coalescing too, by milliseconds.

/**
 * Runs `run` after `ms` (its promise settles once what the window held is sent); returns what
 * cancels it. setTimeout by default; tests end windows themselves.
 */
export type Schedule = (run: () => Promise<void>, ms: number) => () => void;

export interface CoalescingOptions {
  windowMs: number;
  /** The order as stored now; null once it is gone. */
  readOrder: (orderId: string) => Promise<Order | null>;
  logger: Logger;
  schedule?: Schedule;
}

export interface CoalescingBroadcaster extends OrderRoomsBroadcaster {
  /** Graceful shutdown: sends everything held now, and holds nothing from then on. */
  drain(): Promise<void>;
}

interface Held {
  event: OrderEventName;
  payload: OrderEventPayloads[OrderEventName];
}

interface Window {
  held: Held[];
  /** The highest version this node has sent for the order: older news is not sent again. */
  sentVersion: number;
  cancel: () => void;
  flushing?: Promise<void>;
}

const ORDER_EVENTS: ReadonlySet<string> = new Set(ORDER_EVENT_NAMES);

const defaultSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(() => void run(), ms);
  return () => clearTimeout(timer);
};

export function coalesceOrderEvents(
  inner: OrderRoomsBroadcaster,
  options: CoalescingOptions,
): CoalescingBroadcaster {
  if (options.windowMs <= 0) return { ...inner, drain: () => Promise.resolve() };
  const { windowMs, readOrder, logger } = options;
  const schedule = options.schedule ?? defaultSchedule;
  const windows = new Map<string, Window>();
  let draining = false;

  const open = (orderId: string, sentVersion: number): void => {
    const window: Window = { held: [], sentVersion, cancel: () => undefined };
    windows.set(orderId, window);
    arm(orderId, window);
  };

  const arm = (orderId: string, window: Window): void => {
    window.cancel = schedule(() => end(orderId, window), windowMs);
  };

  /** The window is over: send what it held as one event, then open the next (or close). */
  const end = async (orderId: string, window: Window): Promise<void> => {
    if (windows.get(orderId) !== window || window.flushing) return;
    if (window.held.length === 0) {
      windows.delete(orderId);
      return;
    }
    const batch = window.held;
    window.held = [];
    window.flushing = send(orderId, window, batch);
    await window.flushing;
    window.flushing = undefined;
    if (windows.get(orderId) !== window) return;
    if (draining) await end(orderId, window);
    else arm(orderId, window);
  };

  const send = async (orderId: string, window: Window, batch: Held[]): Promise<void> => {
    const latest = Math.max(...batch.map((held) => held.payload.version));
    if (latest <= window.sentVersion) return;
    let order: Order | null;
    try {
      order = fullOrderIn(batch, latest) ?? (await readOrder(orderId));
    } catch (error) {
      // Without the whole order, the held events themselves still tell clients everything.
      logger.warn({ err: error, orderId }, 'coalescing: order not read; sending the held events');
      for (const { event, payload } of batch) inner.broadcast(event, payload);
      window.sentVersion = latest;
      return;
    }
    // Deleted meanwhile (its delete went out, or goes out next): nothing left to update.
    if (windows.get(orderId) !== window || !order || order.version <= window.sentVersion) return;
    inner.publish('order:updated', {
      order,
      changedFields: changedFieldsOf(batch),
      version: order.version,
    });
    window.sentVersion = order.version;
  };

  const broadcast = (event: string, payload: unknown): boolean => {
    if (!ORDER_EVENTS.has(event)) return inner.broadcast(event, payload);
    const held = { event, payload } as Held;
    const orderId = orderIdOf(held);
    const window = windows.get(orderId);
    if (event === 'order:deleted') {
      window?.cancel();
      windows.delete(orderId);
      return inner.broadcast(event, payload);
    }
    if (window) {
      window.held.push(held);
      return true;
    }
    const sent = inner.broadcast(event, payload);
    if (!draining) open(orderId, held.payload.version);
    return sent;
  };

  return {
    broadcast,
    publish: broadcast,
    drain: async () => {
      draining = true;
      for (const window of windows.values()) window.cancel();
      // A flush under way sends, then its window sends what came in meanwhile, until none is left.
      while (windows.size > 0) {
        await Promise.all(
          [...windows].map(([orderId, window]) => window.flushing ?? end(orderId, window)),
        );
      }
    },
  };
}

function orderIdOf({ payload }: Held): string {
  return 'order' in payload ? payload.order.id : payload.orderId;
}

/** A held `order:updated` (or created) at the latest version already is the whole order. */
function fullOrderIn(batch: readonly Held[], version: number): Order | null {
  for (const { payload } of batch) {
    if ('order' in payload && payload.version === version) return payload.order;
  }
  return null;
}

const ITEM_FIELDS = ['items', 'subtotalMinor', 'taxMinor', 'serviceMinor', 'totalMinor'];

/** What the held events changed, in the words `order:updated` uses (the order's field names). */
function changedFieldsOf(batch: readonly Held[]): string[] {
  const fields = new Set<string>();
  for (const held of batch) {
    switch (held.event) {
      case 'order:updated':
        for (const field of (held.payload as OrderEventPayloads['order:updated']).changedFields)
          fields.add(field);
        break;
      case 'order:status-changed': {
        const change = held.payload as OrderEventPayloads['order:status-changed'];
        fields.add('status');
        if (change.failure) fields.add('failure');
        if (change.startedAt) fields.add('startedAt');
        break;
      }
      default:
        for (const field of ITEM_FIELDS) fields.add(field);
    }
  }
  return [...fields];
}
