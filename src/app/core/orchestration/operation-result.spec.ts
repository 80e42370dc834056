import { HttpErrorResponse } from '@angular/common/http';
import { ApiRequestError } from '../http/api-error-message';
import {
  OrchestrationError,
  combineResults,
  toOperationError,
  type OperationError,
  type OperationResult,
} from './operation-result';

describe('toOperationError', () => {
  it('keeps the message and code a user and a caller need, and the cause for logs', () => {
    const cause = new ApiRequestError(409, 'conflict', 'The order is already served.');
    expect(toOperationError(cause, false)).toEqual({
      message: 'The order is already served.',
      code: 'conflict',
      retryable: false,
      cause,
    });
  });

  it('names errors without a code by their status, and a network failure as one', () => {
    expect(toOperationError(new HttpErrorResponse({ status: 503 }), true).code).toBe('http_503');
    expect(toOperationError(new HttpErrorResponse({ status: 0 }), true).code).toBe('network');
    expect(toOperationError(new TypeError('Failed to fetch'), true).code).toBe('network');
    expect(toOperationError(new DOMException('timed out', 'TimeoutError'), true).code).toBe(
      'timeout',
    );
  });

  it('gives a readable message for values that carry none', () => {
    expect(toOperationError(undefined, false).message).toBe('Something went wrong. Try again.');
    expect(toOperationError({}, false).message).toBe('Something went wrong. Try again.');
    expect(toOperationError('Quota exceeded', false).message).toBe('Quota exceeded');
    expect(toOperationError('', false).message).toBe('Something went wrong. Try again.');
    expect(toOperationError(new Error(''), false).message).toBe('Something went wrong. Try again.');
    expect(toOperationError(null, false).message).toBe('Something went wrong. Try again.');
  });

  it('gives no code to what carries none, rather than guessing', () => {
    expect(toOperationError(new Error('boom'), false).code).toBeUndefined();
    expect(toOperationError(null, false).code).toBeUndefined();
    expect(toOperationError('offline', false).code).toBeUndefined();
  });

  it('names its own failures so logs tell them apart', () => {
    expect(new OrchestrationError('timeout', 'Orders did not answer.').name).toBe('OrchestrationError');
  });
});

describe('combineResults', () => {
  const ordersDown: OperationError = {
    message: 'Orders is down.',
    code: 'http_503',
    retryable: true,
  };
  const firestoreDenied: OperationError = {
    message: 'Denied.',
    code: 'permission-denied',
    retryable: false,
  };

  it('succeeds with every value, in order, when every call succeeded', () => {
    const results: OperationResult<number>[] = [
      { success: true, data: 1, duration: 5 },
      { success: true, data: 2, duration: 7 },
    ];
    expect(combineResults(results, 9)).toEqual({
      success: true,
      data: [1, 2],
      duration: 9,
      details: { failed: 0, total: 2 },
    });
  });

  it('fails with the first error and says which services failed', () => {
    const combined = combineResults<number>(
      [
        { success: true, data: 1, duration: 5 },
        { success: false, error: ordersDown, duration: 5, serviceErrors: { orders: ordersDown } },
        {
          success: false,
          error: firestoreDenied,
          duration: 5,
          serviceErrors: { firestore: firestoreDenied },
        },
      ],
      12,
    );
    expect(combined.success).toBeFalse();
    expect(combined.error).toBe(ordersDown);
    expect(combined.serviceErrors).toEqual({ orders: ordersDown, firestore: firestoreDenied });
    expect(combined.details).toEqual({ failed: 2, total: 3 });
  });
});
