import { HttpErrorResponse } from '@angular/common/http';
import { isApiErrorBody, type ApiErrorCode } from '@maestro/contracts';

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

export function toApiRequestError(error: HttpErrorResponse): ApiRequestError {
  if (error.status === 0) {
    return new ApiRequestError(0, 'network', 'Cannot reach the Maestro API. Check your connection and try again.');
  }
  if (isApiErrorBody(error.error)) {
    const { code, message, ...extra } = error.error.error;
    return new ApiRequestError(error.status, code, message, extra);
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
