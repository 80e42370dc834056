import {
  MAX_ID_TOKEN_LENGTH,
  SESSION_ENDED_EVENT,
  SESSION_REFRESH_MESSAGE,
  SESSION_REFRESH_REQUIRED_EVENT,
  type SessionEnded,
  type SessionRefreshAck,
} from '@maestro/contracts';
import { z } from 'zod';
import { sessionCounts, type SessionMarker } from '../auth/session-revocations';
import type { TokenVerifier } from '../auth/token-verifier';
import { ApiError, INTERNAL_ERROR_MESSAGE } from '../http/api-error';
import type { Logger } from '../logger';
import type { MaestroServerIo, MaestroSocket } from './realtime-types';

export interface SocketSessionOptions {
  /** How long before the token runs out the client is asked for a fresh one. */
  refreshLeadMs: number;
}

export const DEFAULT_SOCKET_SESSIONS: SocketSessionOptions = { refreshLeadMs: 2 * 60_000 };

const refreshRequest = z.object({ token: z.string().min(1).max(MAX_ID_TOKEN_LENGTH) });

const EXPIRED: SessionEnded = {
  code: 'token_expired',
  message: 'Your sign-in ran out before it was renewed; reconnecting with a fresh one.',
};

/**
 * A socket lives as long as its session, not just past its handshake: it is asked for a fresh
 * token before the current one runs out and closed when it does; a fresh token of the same
 * account (`session:refresh`) keeps it open, rooms and all, so no event is missed.
 */
export function trackSocketSession(
  socket: MaestroSocket,
  deps: { verifier: TokenVerifier; logger: Logger; options: SocketSessionOptions },
): void {
  const { verifier, logger, options } = deps;
  let refreshTimer: NodeJS.Timeout | undefined;
  let expiryTimer: NodeJS.Timeout | undefined;

  const schedule = () => {
    clearTimeout(refreshTimer);
    clearTimeout(expiryTimer);
    const { expiresAt } = socket.data.user;
    // Capped: Node's timers overflow past about 24 days (ID tokens last an hour).
    const left = Math.min(expiresAt - Date.now(), 2 ** 31 - 1);
    const lead = Math.min(options.refreshLeadMs, left / 2);
    refreshTimer = setTimeout(() => {
      socket.emit(SESSION_REFRESH_REQUIRED_EVENT, { expiresAt: new Date(expiresAt).toISOString() });
    }, Math.max(0, left - lead));
    expiryTimer = setTimeout(() => {
      logger.info({ socketId: socket.id, uid: socket.data.user.uid }, 'socket session expired');
      endSocketSession(socket, EXPIRED);
    }, Math.max(0, left));
  };

  socket.on(SESSION_REFRESH_MESSAGE, async (request: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (answer: SessionRefreshAck) => void) : () => undefined;
    const parsed = refreshRequest.safeParse(request);
    if (!parsed.success) {
      return reply(refusal('validation_failed', 'Send { token } with a Firebase ID token.'));
    }
    try {
      const user = await verifier.verify(parsed.data.token);
      if (user.uid !== socket.data.user.uid) {
        // Another account's token would let one socket carry two people's sessions.
        reply(refusal('forbidden', 'That token belongs to another account; reconnect to switch.'));
        return;
      }
      socket.data.user = user;
      schedule();
      reply({ ok: true, expiresAt: new Date(user.expiresAt).toISOString() });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        logger.error({ err: error, socketId: socket.id }, 'socket session refresh failed');
        return reply(refusal('internal', INTERNAL_ERROR_MESSAGE));
      }
      reply(refusal(error.code, error.message));
      // A 401 (revoked, disabled) ends the session now; a 503 leaves the current token to run.
      if (error.status === 401) endSocketSession(socket, { code: 'session_revoked', message: error.message });
    }
  });

  socket.on('disconnect', () => {
    clearTimeout(refreshTimer);
    clearTimeout(expiryTimer);
  });
  schedule();
}

/** Closes this node's sockets of `uid` whose session no longer counts; returns how many. */
export function endRevokedSockets(io: MaestroServerIo, uid: string, marker: SessionMarker): number {
  let ended = 0;
  for (const socket of io.of('/').sockets.values()) {
    const user = socket.data.user as MaestroSocket['data']['user'] | undefined;
    if (user?.uid !== uid || sessionCounts(marker, user.authTime)) continue;
    endSocketSession(socket, {
      code: 'session_revoked',
      message: marker.disabled
        ? 'Your account was disabled by an administrator.'
        : 'Your access was changed by an administrator; sign in again.',
    });
    ended++;
  }
  return ended;
}

/** Tells the client why, then closes: the reason arrives before the disconnect. */
function endSocketSession(socket: MaestroSocket, why: SessionEnded): void {
  socket.emit(SESSION_ENDED_EVENT, why);
  socket.disconnect(true);
}

function refusal(code: string, message: string): SessionRefreshAck {
  return { ok: false, error: { code, message } };
}
