import { InjectionToken } from '@angular/core';
import type { OrderEventName, OrderEventPayloads, RealtimeRoom } from '@maestro/contracts';

/** What the screen says about the live connection. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface OrderEvents {
  /** One of the seven order events, as the server sent it. */
  event<N extends OrderEventName>(name: N, payload: OrderEventPayloads[N]): void;
  /** `since`: when the connection entered this state (offline since …). */
  connection(state: ConnectionState, since: Date): void;
  /**
   * The client holds nothing it can trust: first connection, or a reconnection whose missed
   * events the server could not replay. Refetch the board (events keep arriving meanwhile).
   */
  resync(): void;
}

/** Order events over socket.io. An interface, so specs can give the facade a fake. */
export interface OrderRealtime {
  connect(rooms: readonly RealtimeRoom[], events: OrderEvents): void;
  disconnect(): void;
}

export const ORDER_REALTIME = new InjectionToken<OrderRealtime>('OrderRealtime');
