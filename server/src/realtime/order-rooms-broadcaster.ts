import type { OrderEventName, OrderEventPayloads } from '@maestro/contracts';
import type { Logger } from '../logger';
import type { MaestroServerIo } from './realtime-types';

/** Sends one event to everyone in `kitchen` and `orders`. */
export interface OrderRoomsBroadcaster {
  /** False when the emit failed; the failure is logged, never thrown. */
  broadcast(event: string, payload: unknown): boolean;
  /** `broadcast` for the order events of the contract, with their payload types. */
  publish<E extends OrderEventName>(event: E, payload: OrderEventPayloads[E]): boolean;
}

export function createOrderRoomsBroadcaster(
  io: MaestroServerIo,
  logger: Logger,
): OrderRoomsBroadcaster {
  const broadcast = (event: string, payload: unknown): boolean => {
    try {
      // One emit to the union of both rooms: a client in both receives it once, not twice.
      io.to('kitchen').to('orders').emit(event, payload);
      return true;
    } catch (error) {
      // The write that caused this event already succeeded; its HTTP response must not fail.
      logger.error({ err: error, event }, 'realtime broadcast failed');
      return false;
    }
  };
  return { broadcast, publish: broadcast };
}
