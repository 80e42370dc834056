import { HttpErrorResponse } from '@angular/common/http';
import { ApiRequestError } from '../http/api-error-message';
import { isRetryable, retryAfterMsOf } from './is-retryable';
import { OrchestrationError } from './operation-result';

describe('isRetryable', () => {
  it('retries when the server could not be reached (status 0, fetch TypeError, network code)', () => {
    expect(
      isRetryable(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') })),
    ).toBeTrue();
    expect(
      isRetryable(new ApiRequestError(0, 'network', 'Cannot reach the Maestro API.')),
    ).toBeTrue();
    expect(isRetryable(new TypeError('Failed to fetch'))).toBeTrue();
    expect(
      isRetryable(new TypeError('NetworkError when attempting to fetch resource.')),
    ).toBeTrue();
    expect(isRetryable(new TypeError('Load failed'))).toBeTrue();
    expect(isRetryable({ code: 'auth/network-request-failed' })).toBeTrue();
  });

  it('does not retry a TypeError that is a bug, not the network', () => {
    expect(
      isRetryable(new TypeError("Cannot read properties of undefined (reading 'id')")),
    ).toBeFalse();
  });

  it('retries server failures, throttling and request timeouts (5xx, 429, 408)', () => {
    for (const status of [500, 502, 503, 504, 429, 408]) {
      expect(isRetryable(new HttpErrorResponse({ status })))
        .withContext(`HTTP ${status}`)
        .toBeTrue();
    }
    expect(
      isRetryable(new ApiRequestError(503, 'unavailable', 'The API is restarting.')),
    ).toBeTrue();
    expect(
      isRetryable(new ApiRequestError(500, 'internal', 'The Maestro API had a problem.')),
    ).toBeTrue();
  });

  it('never retries a request the server refused (4xx), whatever its code says', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 422]) {
      expect(isRetryable(new HttpErrorResponse({ status })))
        .withContext(`HTTP ${status}`)
        .toBeFalse();
    }
    expect(
      isRetryable(new ApiRequestError(409, 'conflict', 'The order is already served.')),
    ).toBeFalse();
    expect(isRetryable(new ApiRequestError(401, 'token_expired', 'Sign in again.'))).toBeFalse();
    // The status is the exact answer even if a code alone would have looked transient.
    expect(isRetryable({ status: 400, code: 'unavailable' })).toBeFalse();
  });

  it('retries Firestore transient codes and not its permanent ones, with or without a prefix', () => {
    for (const code of [
      'unavailable',
      'deadline-exceeded',
      'resource-exhausted',
      'firestore/unavailable',
      'x/unavailable',
      'network',
      'network-request-failed',
      'timeout',
    ]) {
      expect(isRetryable({ name: 'FirebaseError', code }))
        .withContext(code)
        .toBeTrue();
    }
    const permanent = [
      'permission-denied',
      'invalid-argument',
      'not-found',
      'already-exists',
      'failed-precondition',
    ];
    for (const code of [...permanent, 'firestore/permission-denied']) {
      expect(isRetryable({ name: 'FirebaseError', code }))
        .withContext(code)
        .toBeFalse();
    }
  });

  it('retries timeouts (ours and AbortSignal.timeout) but not a deliberate abort', () => {
    expect(isRetryable(new OrchestrationError('timeout', 'Orders did not answer.'))).toBeTrue();
    expect(isRetryable(new DOMException('The operation timed out.', 'TimeoutError'))).toBeTrue();
    expect(isRetryable(new DOMException('The user aborted a request.', 'AbortError'))).toBeFalse();
    expect(isRetryable({ name: 'AbortError', code: 'deadline-exceeded' }))
      .withContext('a cancel, whatever code it carries')
      .toBeFalse();
    expect(isRetryable(new OrchestrationError('disposed', 'Shut down.'))).toBeFalse();
  });

  it('does not retry what it does not know', () => {
    expect(isRetryable(new Error('boom'))).toBeFalse();
    expect(isRetryable('offline')).toBeFalse();
    expect(isRetryable(null)).toBeFalse();
    expect(isRetryable(undefined)).toBeFalse();
  });
});

describe('retryAfterMsOf', () => {
  it('reads a valid retryAfterMs and ignores anything else', () => {
    expect(retryAfterMsOf({ status: 429, retryAfterMs: 1500 })).toBe(1500);
    expect(retryAfterMsOf({ status: 503, retryAfterMs: 0 })).withContext('at once').toBe(0);
    expect(retryAfterMsOf({ status: 429, retryAfterMs: Infinity })).toBeUndefined();
    expect(retryAfterMsOf({ status: 429, retryAfterMs: NaN })).toBeUndefined();
    expect(retryAfterMsOf({ status: 429, retryAfterMs: -1 })).toBeUndefined();
    expect(retryAfterMsOf({ status: 429, retryAfterMs: '1500' })).toBeUndefined();
    expect(retryAfterMsOf({ status: 429 })).toBeUndefined();
    expect(retryAfterMsOf(null)).toBeUndefined();
  });
});
