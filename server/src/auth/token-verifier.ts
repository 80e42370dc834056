import type { Auth } from 'firebase-admin/auth';
import type { AuthenticatedUser } from './authenticated-user';
import { sessionCounts, type SessionMarker } from './session-revocations';
import { sessionEnded, verifyIdToken } from './verify-id-token';

export interface TokenVerifier {
  /** The member a token proves, or an ApiError (401/403/503) saying what to do. */
  verify(token: string): Promise<AuthenticatedUser>;
  /** An ended session (from `sessionRevocations`): its cached tokens stop counting at once. */
  sessionsEnded(uid: string, marker: SessionMarker): void;
}

export interface TokenVerifierOptions {
  /** How long a verified token is trusted without asking Auth again (revocation check). */
  cacheMs: number;
  /** Bound on cached tokens; the oldest go first. */
  maxEntries: number;
  now?: () => number;
}

export const DEFAULT_TOKEN_CACHE: TokenVerifierOptions = { cacheMs: 60_000, maxEntries: 10_000 };

interface Cached {
  user: AuthenticatedUser;
  until: number;
}

/**
 * Verifies tokens with Auth's revocation check, remembering each answer for at most `cacheMs`
 * (and never past the token's expiry): a member's every request no longer costs a call to Auth.
 * A session an admin ends is not served from the cache: the node hears of it through the
 * `sessionRevocations` watch and refuses tokens signed in before it, cached or fresh.
 */
export function createTokenVerifier(
  auth: Auth,
  options: TokenVerifierOptions = DEFAULT_TOKEN_CACHE,
): TokenVerifier {
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached>();
  const markers = new Map<string, SessionMarker>();

  const check = (user: AuthenticatedUser): AuthenticatedUser => {
    const marker = markers.get(user.uid);
    if (!sessionCounts(marker, user.authTime)) throw sessionEnded(marker?.disabled ?? false);
    return user;
  };

  const remember = (token: string, user: AuthenticatedUser) => {
    if (options.cacheMs <= 0) return;
    if (cache.size >= options.maxEntries) {
      for (const [key, entry] of cache) if (entry.until <= now()) cache.delete(key);
      // Still full: drop the oldest (a Map iterates in insertion order).
      while (cache.size >= options.maxEntries) cache.delete(cache.keys().next().value as string);
    }
    cache.set(token, { user, until: Math.min(now() + options.cacheMs, user.expiresAt) });
  };

  return {
    async verify(token) {
      const cached = cache.get(token);
      if (cached && cached.until > now()) return check(cached.user);
      cache.delete(token);
      const user = check(await verifyIdToken(auth, token));
      remember(token, user);
      return user;
    },
    sessionsEnded(uid, marker) {
      markers.set(uid, marker);
    },
  };
}
