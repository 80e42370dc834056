import { HttpErrorResponse } from '@angular/common/http';
import { isApiErrorBody, type ApiErrorCode, type OrderStatus } from '@maestro/contracts';
import { apiErrorWords } from './api-error-words';

/** An API call that failed, reduced to what the screen needs: a code and a readable message. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    // A feature's own codes (e.g. orders' `illegal_transition`) come through as sent.
    readonly code: ApiErrorCode | 'network' | 'unknown' | (string & {}),
    message: string,
    /** Whatever else the error body carried (e.g. an order's `currentStatus` on a 409). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/**
 * `attemptedStatus`: the status the request asked an order to move to, so a lost race can say
 * "Someone already started #3DSADV". The message is in words (`apiErrorWords`); the server's own
 * sentence stays in `extra.serverMessage` for logs.
 */
export function toApiRequestError(error: HttpErrorResponse, attemptedStatus: OrderStatus | null = null): ApiRequestError {
  if (error.status === 0) {
    return new ApiRequestError(0, 'network', 'Cannot reach the Maestro API. Check your connection and try again.');
  }
  if (isApiErrorBody(error.error)) {
    const { code, message, ...extra } = error.error.error;
    const words = apiErrorWords({ status: error.status, code, message, extra, attemptedStatus });
    return new ApiRequestError(error.status, code, words, { ...extra, serverMessage: message });
  }
  return new ApiRequestError(error.status, 'unknown', fallbackMessage(error.status));
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has expired. Sign in again.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'That was not found. It may have been deleted.';
  if (status >= 500) return 'The Maestro API had a problem. Try again in a moment.';
  return `The request failed (HTTP ${status}). Try again.`;
}
