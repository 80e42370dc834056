import type { Auth } from 'firebase-admin/auth';
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import type { Logger } from '../logger';

/**
 * `sessionRevocations/{uid}`: the sessions an admin ended. Tokens signed in by `validAfter`
 * (Auth's tokensValidAfterTime, seconds) no longer count, and none counts while `disabled`.
 * Firestore is the one place every API node and the security rules read it from: each node
 * watches the collection and closes its own sockets, so no node needs to hear from another.
 */
export interface SessionMarker {
  validAfter: number;
  disabled: boolean;
}

export type RevocationReason = 'disabled' | 'demoted' | 'enabled';

export const SESSION_REVOCATIONS = 'sessionRevocations';

/**
 * Whether a token signed in at `authTime` (seconds) still counts under `marker`. Strictly after:
 * both are whole seconds, and a sign-in in the very second of the revocation may be from before it.
 */
export function sessionCounts(marker: SessionMarker | undefined, authTime: number): boolean {
  return !marker || (!marker.disabled && authTime > marker.validAfter);
}

/**
 * Ends every session of `uid`: revokes the refresh tokens (no silent renewal) and writes the
 * marker the rules and the other nodes act on. Enabling again keeps `validAfter`: old sessions
 * stay ended, a new sign-in works.
 */
export async function revokeSessions(
  deps: { auth: Auth; firestore: Firestore },
  uid: string,
  reason: RevocationReason,
): Promise<SessionMarker> {
  if (reason !== 'enabled') await deps.auth.revokeRefreshTokens(uid);
  const user = await deps.auth.getUser(uid);
  const validAfter = Math.floor(Date.parse(user.tokensValidAfterTime ?? '0') / 1000) || 0;
  const marker: SessionMarker = { validAfter, disabled: user.disabled };
  await deps.firestore
    .collection(SESSION_REVOCATIONS)
    .doc(uid)
    .set({ ...marker, reason, at: FieldValue.serverTimestamp() });
  return marker;
}

/**
 * Calls `onChange` for every marker now and for every change after; re-subscribes after an error
 * (a lost connection), so a node never stops hearing about ended sessions. Returns the stop.
 */
export function watchSessionRevocations(
  firestore: Firestore,
  logger: Logger,
  onChange: (uid: string, marker: SessionMarker) => void,
  retryMs = 5000,
): () => void {
  let stopped = false;
  let unsubscribe: () => void = () => undefined;
  let retry: NodeJS.Timeout | undefined;
  const failed = (error: unknown) => {
    logger.error({ err: error }, 'watching ended sessions failed; watching again shortly');
    if (!stopped) retry = setTimeout(subscribe, retryMs);
  };
  const subscribe = () => {
    try {
      unsubscribe = firestore.collection(SESSION_REVOCATIONS).onSnapshot((snapshot) => {
        for (const change of snapshot.docChanges()) {
          if (change.type === 'removed') continue;
          const marker = toMarker(change.doc.data());
          if (marker) onChange(change.doc.id, marker);
        }
      }, failed);
    } catch (error) {
      // A client that cannot even open the watch (misconfigured) must not stop the API starting.
      failed(error);
    }
  };
  subscribe();
  return () => {
    stopped = true;
    clearTimeout(retry);
    unsubscribe();
  };
}

function toMarker(data: Record<string, unknown>): SessionMarker | null {
  const { validAfter, disabled } = data;
  if (typeof validAfter !== 'number' || typeof disabled !== 'boolean') return null;
  return { validAfter, disabled };
}
