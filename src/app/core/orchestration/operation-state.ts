import { signal, type Signal } from '@angular/core';
import { isRetryable } from './is-retryable';
import { toOperationError, type OperationError, type OperationResult } from './operation-result';

/**
 * One operation's loading / result / error as signals: the Angular counterpart of reference 004's
 * `useOrchestrator()` hook. A screen holds one per button or form it runs.
 */
export interface OperationState<A extends unknown[], T> {
  readonly loading: Signal<boolean>;
  /** The latest run's data; null before a run succeeded and while a new run is loading. */
  readonly result: Signal<T | null>;
  /** The latest run's failure, in words; null otherwise. */
  readonly error: Signal<OperationError | null>;
  /**
   * Runs the operation and resolves with its data, or null when it failed; never rejects. When a
   * run starts before the previous one ended, only the latest sets the signals: an answer that
   * arrives late cannot overwrite a newer one.
   */
  run(...args: A): Promise<T | null>;
  /** Back to the start (e.g. when a dialog opens again); a run still going is ignored when it ends. */
  reset(): void;
}

/**
 * `operation` may answer with an OperationResult (the ServiceOrchestrator's, a workflow's) or with
 * a plain value; a plain rejection becomes the error.
 */
export function operationState<A extends unknown[], T>(
  operation: (...args: A) => Promise<OperationResult<T> | T>,
  options: { isResult?: (answer: unknown) => boolean } = {},
): OperationState<A, T> {
  const isResult = options.isResult ?? looksLikeResult;
  const loading = signal(false);
  const result = signal<T | null>(null);
  const error = signal<OperationError | null>(null);
  let latest = 0;

  const settle = (run: number, data: T | null, failure: OperationError | null): T | null => {
    if (run === latest) {
      loading.set(false);
      result.set(data);
      error.set(failure);
    }
    return data;
  };

  return {
    loading: loading.asReadonly(),
    result: result.asReadonly(),
    error: error.asReadonly(),
    async run(...args: A): Promise<T | null> {
      const run = ++latest;
      loading.set(true);
      result.set(null);
      error.set(null);
      try {
        const answer = await operation(...args);
        if (!isResult(answer)) return settle(run, answer as T, null);
        const outcome = answer as OperationResult<T>;
        return outcome.success ? settle(run, outcome.data, null) : settle(run, null, outcome.error);
      } catch (thrown) {
        return settle(run, null, toOperationError(thrown, isRetryable(thrown)));
      }
    },
    reset(): void {
      latest++;
      loading.set(false);
      result.set(null);
      error.set(null);
    },
  };
}

function looksLikeResult(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && typeof (answer as { success?: unknown }).success === 'boolean' && 'duration' in answer;
}
