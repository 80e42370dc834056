import type { TeamErrorCode } from '@maestro/contracts';
import { ApiError } from '../http/api-error';

/** An ApiError with one of the team routes' own codes (ApiError's type lists only shared and order codes). */
export function teamError(status: number, code: TeamErrorCode, message: string): ApiError {
  return new ApiError(status, code, message);
}

export function userNotFound(uid: string): ApiError {
  return new ApiError(404, 'not_found', `No Maestro account has the id ${uid}. It may have been deleted.`);
}

/** Maps Firebase Auth's refusals for a given account to clear answers; anything else stays a 500. */
export function mapAuthError(error: unknown, context: { uid?: string; email?: string }): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'auth/user-not-found' && context.uid) throw userNotFound(context.uid);
  if (code === 'auth/email-already-exists') {
    throw teamError(409, 'email_taken', `${context.email ?? 'That email'} already has a Maestro account.`);
  }
  if (code === 'auth/invalid-email') {
    throw new ApiError(400, 'validation_failed', 'email must be an email address like ada@example.com');
  }
  throw error;
}
