import { roleFromClaims } from '@maestro/contracts';
import type { Auth } from 'firebase-admin/auth';
import { ApiError } from '../http/api-error';
import type { AuthenticatedUser } from './authenticated-user';

export const SIGN_IN_FIRST_MESSAGE =
  "Sign in first: send your Firebase ID token in the header 'Authorization: Bearer <token>'.";

/**
 * Verifies a Firebase ID token for HTTP requests and socket handshakes alike.
 * `checkRevoked = true` also asks Auth whether the user was disabled or signed out everywhere.
 *
 * Note: against the Auth emulator firebase-admin skips the signature check (emulator tokens are
 * unsigned), so a forged token with the right claims passes there; production verifies signatures.
 */
export async function verifyIdToken(auth: Auth, token: string): Promise<AuthenticatedUser> {
  let decoded: Awaited<ReturnType<Auth['verifyIdToken']>>;
  try {
    decoded = await auth.verifyIdToken(token, true);
  } catch (error) {
    throw tokenRejection(error);
  }
  const role = roleFromClaims(decoded);
  // A valid token proves an account, not a member: anyone can sign up with the public web key.
  if (!role) throw notAMember(decoded.email ?? null);
  return {
    uid: decoded.uid,
    email: decoded.email ?? null,
    role,
    authTime: decoded.auth_time,
    expiresAt: decoded.exp * 1000,
  };
}

export function notAMember(email: string | null): ApiError {
  return new ApiError(
    403,
    'not_a_member',
    `This account${email ? ` (${email})` : ''} has no access to this Maestro workspace; ask an administrator to invite it.`,
  );
}

/** The answer to a token whose session an admin ended (the account was disabled or demoted). */
export function sessionEnded(disabled: boolean): ApiError {
  return new ApiError(
    401,
    'unauthenticated',
    disabled
      ? 'Your account is disabled; ask a Maestro administrator to enable it.'
      : 'Your access was changed by an administrator; sign in again.',
  );
}

/** Maps firebase-admin's refusal to what the client should do next. */
function tokenRejection(error: unknown): ApiError {
  const code = firebaseErrorCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'auth/id-token-expired':
      // The client can refresh its token silently and retry.
      return new ApiError(401, 'token_expired', 'Your session has expired; sign in again.', {
        reason,
      });
    case 'auth/id-token-revoked':
      // Refreshing will not help: the refresh token was revoked too, so a new sign-in is needed.
      return new ApiError(
        401,
        'unauthenticated',
        'Your session was ended (signed out everywhere or password changed); sign in again.',
        { reason },
      );
    case 'auth/user-disabled':
      return new ApiError(
        401,
        'unauthenticated',
        'Your account is disabled; ask a Maestro administrator to enable it.',
        { reason },
      );
    case 'auth/user-not-found':
      return new ApiError(
        401,
        'unauthenticated',
        'Your account no longer exists; sign in with another account.',
        { reason },
      );
    case 'auth/argument-error':
    case 'auth/invalid-argument':
    case 'auth/invalid-id-token':
      // Malformed, forged, or from another Firebase project.
      return new ApiError(
        401,
        'unauthenticated',
        'Your sign-in token is not valid for Maestro; sign in again.',
        { reason },
      );
    default:
      // Auth itself could not answer (network, quota): not the caller's fault, worth a retry.
      return new ApiError(
        503,
        'unavailable',
        'We could not check your sign-in right now; try again in a moment.',
        { reason },
      );
  }
}

function firebaseErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}
