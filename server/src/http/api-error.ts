import type {
  ApiErrorBody,
  ApiErrorCode,
  ApiErrorDetail,
  OrderErrorBody,
  OrderErrorCode,
} from '@maestro/contracts';

/** Extra fields an order error carries next to code and message (`OrderErrorBody`). */
export type ApiErrorContext = Omit<OrderErrorBody['error'], 'code' | 'message' | 'details'>;

/**
 * An error the API means to show: its status, code and message go to the client as they are.
 * `reason` is for the log only (e.g. why Firebase refused a token).
 */
export class ApiError extends Error {
  readonly details?: readonly ApiErrorDetail[];
  readonly reason?: string;
  readonly context?: ApiErrorContext;

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | OrderErrorCode,
    message: string,
    extra: { details?: readonly ApiErrorDetail[]; reason?: string; context?: ApiErrorContext } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.details = extra.details;
    this.reason = extra.reason;
    this.context = extra.context;
  }

  toBody(): ApiErrorBody | OrderErrorBody {
    const body: OrderErrorBody = {
      error: { code: this.code, message: this.message, ...this.context },
    };
    if (this.details) body.error.details = this.details;
    return body;
  }
}

export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side. Try again; if it keeps happening, report the request id.';
