import type { Server as HttpServer } from 'node:http';
import { SYNC_REQUIRED_EVENT, type SyncRequiredEvent } from '@maestro/contracts';
import { Server, type ServerOptions } from 'socket.io';
import type { RateLimits } from '../limits/rate-limits';
import { SOCKET_MESSAGE_LIMIT_BYTES } from '../limits/size-limits';
import type { Logger } from '../logger';
import { handleJoinRooms } from './join-rooms';
import { createOrderRoomsBroadcaster, type OrderRoomsBroadcaster } from './order-rooms-broadcaster';
import type { MaestroServerIo } from './realtime-types';
import type { TokenVerifier } from '../auth/token-verifier';
import { socketAuthentication } from './socket-authentication';
import { trackSocketSession, type SocketSessionOptions } from './socket-sessions';

export interface Realtime {
  io: MaestroServerIo;
  broadcaster: OrderRoomsBroadcaster;
}

/** socket.io on the API's own HTTP server: authenticated handshake, room joins, broadcasts. */
export function attachRealtime(
  httpServer: HttpServer,
  deps: {
    verifier: TokenVerifier;
    logger: Logger;
    spaOrigins: string[];
    sessions: SocketSessionOptions;
    limits: RateLimits;
    /** Several nodes: the Redis Streams adapter (events and recovery sessions shared via Redis). */
    adapter?: ServerOptions['adapter'];
  },
): Realtime {
  const { verifier, logger, spaOrigins } = deps;
  const io: MaestroServerIo = new Server(httpServer, {
    cors: { origin: spaOrigins },
    // A bigger message (the default allows 1 MB) drops the connection.
    maxHttpBufferSize: SOCKET_MESSAGE_LIMIT_BYTES,
    // CORS covers long-polling only; browsers send Origin on WebSocket upgrades too, so check it
    // for every transport. Clients outside a browser send no Origin and are let through.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || spaOrigins.includes(origin));
    },
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    connectionStateRecovery: {
      maxDisconnectionDuration: 2 * 60 * 1000,
      // Re-check the token on recovery: a revoked or disabled user must not slip back in.
      skipMiddlewares: false,
    },
  });

  io.use(deps.limits.guardSocketAuthentication(socketAuthentication(verifier, logger)));
  // Last: it counts the socket as open, which only a handshake that goes through may do.
  io.use(deps.limits.socketConnections);
  io.on('connection', (socket) => {
    logger.debug(
      { socketId: socket.id, uid: socket.data.user.uid, recovered: socket.recovered },
      'socket connected',
    );
    // A client that had a session (it sends its private id back) but could not get it restored —
    // away too long, or reconnected to another node or a restarted one — missed events and is in
    // no room: tell it to rejoin and refetch. (`socket.recovered` on the client says the same.)
    if (!socket.recovered && typeof socket.handshake.auth['pid'] === 'string') {
      const payload: SyncRequiredEvent = { reason: 'not-recovered' };
      socket.emit(SYNC_REQUIRED_EVENT, payload);
    }
    deps.limits.limitJoins(socket);
    handleJoinRooms(socket, logger);
    trackSocketSession(socket, { verifier, logger, options: deps.sessions });
    socket.on('disconnect', (reason) =>
      logger.debug({ socketId: socket.id, reason }, 'socket disconnected'),
    );
  });

  return { io, broadcaster: createOrderRoomsBroadcaster(io, logger) };
}
