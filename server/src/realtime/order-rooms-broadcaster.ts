import type { Logger } from '../logger';
import type { MaestroServerIo } from './realtime-types';

/** Sends one event to everyone in `kitchen` and `orders`. */
export interface OrderRoomsBroadcaster {
  /** False when the emit failed; the failure is logged, never thrown. */
  broadcast(event: string, payload: unknown): boolean;
}

export function createOrderRoomsBroadcaster(
  io: MaestroServerIo,
  logger: Logger,
): OrderRoomsBroadcaster {
  return {
    broadcast(event, payload) {
      try {
        // One emit to the union of both rooms: a client in both receives it once, not twice.
        io.to('kitchen').to('orders').emit(event, payload);
        return true;
      } catch (error) {
        // The write that caused this event already succeeded; its HTTP response must not fail.
        logger.error({ err: error, event }, 'realtime broadcast failed');
        return false;
      }
    },
  };
}
