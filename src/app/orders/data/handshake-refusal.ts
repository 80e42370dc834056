// What the orders socket does after the API refused its handshake. Every refused token counts
// against the address (the API blocks an address after 100 in 10 minutes, against credential
// stuffing), so a refusal that a fresh token cannot fix is never tried again by itself.

/** Retry after a pause; `freshToken`: mint a new ID token for it first. */
export type HandshakeNext =
  | { kind: 'retry'; freshToken: boolean; afterMs: number }
  /** The token is refused for good (account deleted, disabled, no longer a member): sign in again. */
  | { kind: 'end-session' };

/** A server closing the connection or refusing it for no reason of ours: tried again soon. */
export const HANDSHAKE_RETRY_MS = 1_000;
/** A handshake refused for too many connections or requests is tried again after this long. */
export const RATE_LIMITED_RETRY_MS = 15_000;

/** The refusals of the token itself (socket-authentication.ts on the API). */
export function isTokenRefusal(code: string | undefined): boolean {
  return code === 'token_expired' || code === 'unauthenticated' || code === 'not_a_member';
}

/**
 * `code` is the refusal's `data.code`; `tokenRefusals` counts the token refusals since the socket
 * last connected, this one included.
 */
export function afterHandshakeRefusal(code: string | undefined, tokenRefusals: number): HandshakeNext {
  // Once with a freshly minted token (the cached one expired, or new claims are due); refused
  // again, it would be refused every time.
  if (isTokenRefusal(code)) return tokenRefusals > 1 ? { kind: 'end-session' } : { kind: 'retry', freshToken: true, afterMs: HANDSHAKE_RETRY_MS };
  if (code === 'rate_limited') return { kind: 'retry', freshToken: false, afterMs: RATE_LIMITED_RETRY_MS };
  // The API or Auth could not answer (a restart, 'unavailable'): not the token's fault.
  return { kind: 'retry', freshToken: false, afterMs: HANDSHAKE_RETRY_MS };
}
