import type { ApiErrorBody, ApiErrorCode, ApiErrorDetail } from '@maestro/contracts';

/**
 * An error the API means to show: its status, code and message go to the client as they are.
 * `reason` is for the log only (e.g. why Firebase refused a token).
 */
export class ApiError extends Error {
  readonly details?: readonly ApiErrorDetail[];
  readonly reason?: string;

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    extra: { details?: readonly ApiErrorDetail[]; reason?: string } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.details = extra.details;
    this.reason = extra.reason;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { error: { code: this.code, message: this.message } };
    if (this.details) body.error.details = this.details;
    return body;
  }
}

export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side. Try again; if it keeps happening, report the request id.';
