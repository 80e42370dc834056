import { isFetchNetworkError } from './is-retryable';

/**
 * What a call through the ServiceOrchestrator returns: it never throws, so a caller
 * handles one shape and cannot forget a catch. Narrow on `success`.
 */
export type OperationResult<T, D = unknown> = OperationSuccess<T, D> | OperationFailure<D>;

export interface OperationSuccess<T, D = unknown> {
  readonly success: true;
  readonly data: T;
  readonly error?: undefined;
  readonly details?: D;
  /** Milliseconds from the call to the result, retries and their waits included. */
  readonly duration: number;
  readonly serviceErrors?: undefined;
}

export interface OperationFailure<D = unknown> {
  readonly success: false;
  readonly data?: undefined;
  readonly error: OperationError;
  readonly details?: D;
  readonly duration: number;
  /** The error of each service that failed, by service name (one entry for a single call). */
  readonly serviceErrors?: Readonly<Record<string, OperationError>>;
}

export interface OperationError {
  /** A sentence a user can read. */
  readonly message: string;
  /** A stable code to branch on: the API's or Firestore's code, `http_<status>`, `network`, `timeout`, `disposed`. */
  readonly code?: string;
  /** True when the same call may succeed later (even if this call already used up its retries). */
  readonly retryable: boolean;
  /** The original error, for logs and debugging; never shown as is. */
  readonly cause?: unknown;
}

/** Failures the orchestrator itself produces. */
export class OrchestrationError extends Error {
  constructor(
    readonly code: 'timeout' | 'disposed',
    message: string,
  ) {
    super(message);
    this.name = 'OrchestrationError';
  }
}

export function toOperationError(error: unknown, retryable: boolean): OperationError {
  return { message: messageOf(error), code: codeOf(error), retryable, cause: error };
}

/**
 * One result for several calls that belong together (a workflow that reads the API and
 * Firestore): it succeeds only if every call did; on failure `serviceErrors` says which
 * services failed and `error` is the first failure.
 */
export function combineResults<T>(
  results: readonly OperationResult<T>[],
  duration: number,
): OperationResult<T[], { failed: number; total: number }> {
  const failures = results.filter((result): result is OperationFailure => !result.success);
  const details = { failed: failures.length, total: results.length };
  if (failures.length === 0) {
    return { success: true, data: results.map((result) => result.data as T), duration, details };
  }
  const serviceErrors: Record<string, OperationError> = {};
  for (const failure of failures) {
    for (const [service, error] of Object.entries(failure.serviceErrors ?? {})) {
      serviceErrors[service] ??= error;
    }
  }
  return { success: false, error: failures[0].error, duration, details, serviceErrors };
}

function messageOf(error: unknown): string {
  if (typeof error === 'string' && error.length > 0) return error;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.length > 0
    ? message
    : 'Something went wrong. Try again.';
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, status, name } = error as { code?: unknown; status?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  if (status === 0) return 'network';
  if (typeof status === 'number') return `http_${status}`;
  if (name === 'TimeoutError') return 'timeout';
  if (isFetchNetworkError(error)) return 'network';
  return undefined;
}
