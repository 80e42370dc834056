/** socket.io rooms a client may join; every order change is broadcast to both. */
export const REALTIME_ROOMS = ['kitchen', 'orders'] as const;
export type RealtimeRoom = (typeof REALTIME_ROOMS)[number];

export function isRealtimeRoom(value: unknown): value is RealtimeRoom {
  return typeof value === 'string' && (REALTIME_ROOMS as readonly string[]).includes(value);
}

/** Client → server: join rooms after the authenticated handshake. */
export interface JoinRequest {
  rooms: RealtimeRoom[];
}

/** Server → client acknowledgement of a join. */
export type JoinAck = { ok: true; rooms: RealtimeRoom[] } | { ok: false; error: { code: string; message: string } };

// ── The socket's session: it lasts as long as the ID token it was opened with ──

/** Server → client, shortly before the token runs out: send a fresh one with `session:refresh`. */
export const SESSION_REFRESH_REQUIRED_EVENT = 'session:refresh_required';
/** Client → server: `{ token }` (a fresh Firebase ID token of the same account), acknowledged. */
export const SESSION_REFRESH_MESSAGE = 'session:refresh';
/** Server → client, just before the server disconnects a socket whose session has ended. */
export const SESSION_ENDED_EVENT = 'session:ended';

export interface SessionRefreshRequired {
  /** When the current token runs out (ISO); the socket is closed then unless refreshed. */
  expiresAt: string;
}

export interface SessionRefreshRequest {
  token: string;
}

export type SessionRefreshAck =
  | { ok: true; expiresAt: string }
  | { ok: false; error: { code: string; message: string } };

/**
 * Why a session ended: `token_expired` — reconnect with a fresh token (nothing else to do);
 * `session_revoked` — an admin disabled or demoted the account: sign in again.
 */
export type SessionEndedCode = 'token_expired' | 'session_revoked';

export interface SessionEnded {
  code: SessionEndedCode;
  message: string;
}

/** The largest `session:refresh` token accepted (Firebase ID tokens are about 1 kB). */
export const MAX_ID_TOKEN_LENGTH = 8192;
