import type { JoinAck } from '@maestro/contracts';
import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/** What clients may send. Arguments are typed `unknown`: they come off the wire unchecked. */
export interface ClientToServerEvents {
  join: (request: unknown, ack?: (ack: JoinAck) => void) => void;
  'session:refresh': (request: unknown, ack?: unknown) => void;
}

/** Set by the handshake middleware; restored with the socket on connection-state recovery. */
export interface SocketData {
  user: AuthenticatedUser;
}

// Server-to-client events get their types from the event catalog in the next step.
export type MaestroServerIo = Server<
  ClientToServerEvents,
  DefaultEventsMap,
  DefaultEventsMap,
  SocketData
>;
export type MaestroSocket = Socket<
  ClientToServerEvents,
  DefaultEventsMap,
  DefaultEventsMap,
  SocketData
>;
