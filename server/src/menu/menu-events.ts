import type { MenuEventName, MenuEventPayloads } from '@maestro/contracts';
import type { OrderRoomsBroadcaster } from '../realtime/order-rooms-broadcaster';

/** Sends a menu event to `kitchen` and `orders` after its write committed (never throws). */
export function menuEvents(broadcaster: OrderRoomsBroadcaster) {
  return <E extends MenuEventName>(event: E, payload: MenuEventPayloads[E]) =>
    broadcaster.broadcast(event, payload);
}

export type MenuEvents = ReturnType<typeof menuEvents>;
