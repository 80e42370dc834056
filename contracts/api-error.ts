/** The JSON body of every error the API returns: `{ error: { code, message } }`. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    /** A sentence a user can act on. */
    message: string;
    /** Field-level problems for validation errors. */
    details?: readonly ApiErrorDetail[];
  };
}

export interface ApiErrorDetail {
  path: string;
  message: string;
}

export const API_ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'token_expired',
  'forbidden',
  // A signed-in Firebase account without the member role claim: an admin must invite it.
  'not_a_member',
  'not_found',
  'conflict',
  'payload_too_large',
  'unavailable',
  // Too many requests (per member, per address, per socket): wait Retry-After seconds.
  'rate_limited',
  'internal',
  // Team administration: an invite to an address that has an account; an admin locking themself out.
  'email_taken',
  'self_protected',
  // A new invite link for a member who has chosen a password already, or is disabled.
  'already_joined',
  'member_disabled',
  // POST /api/orders without an Idempotency-Key: a retry after a timeout would place it twice.
  'idempotency_key_required',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
