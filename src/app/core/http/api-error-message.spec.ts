import { HttpErrorResponse } from '@angular/common/http';
import { toApiRequestError } from './api-error-message';

describe('toApiRequestError', () => {
  it('keeps the code and message of an API error body', () => {
    const error = toApiRequestError(
      new HttpErrorResponse({ status: 409, error: { error: { code: 'conflict', message: 'The order is already served.' } } }),
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('The order is already served.');
    expect(error.name).toBe('ApiRequestError');
  });

  it('keeps what else the body carried, and the server\'s own sentence for logs', () => {
    const error = toApiRequestError(
      new HttpErrorResponse({
        status: 409,
        error: { error: { code: 'illegal_transition', message: 'Order x is SERVED.', currentStatus: 'SERVED' } },
      }),
    );
    expect(error.extra).toEqual({ currentStatus: 'SERVED', serverMessage: 'Order x is SERVED.' });
  });

  it('explains a network failure as one', () => {
    const error = toApiRequestError(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }));
    expect(error.code).toBe('network');
    expect(error.message).toContain('Cannot reach the Maestro API');
  });

  it('gives a readable message when the body is not ours (a proxy page, plain text)', () => {
    expect(toApiRequestError(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' })).message).toContain(
      'The Maestro API had a problem',
    );
    expect(toApiRequestError(new HttpErrorResponse({ status: 403, error: null })).message).toContain('permission');
    expect(toApiRequestError(new HttpErrorResponse({ status: 418, error: null })).message).toContain('HTTP 418');
    const words = (status: number) => toApiRequestError(new HttpErrorResponse({ status, error: null }));
    expect(words(500).message).toBe('The Maestro API had a problem. Try again in a moment.');
    expect(words(500).code).toBe('unknown');
    expect(words(401).message).toBe('Your session has expired. Sign in again.');
    expect(words(404).message).toBe('That was not found. It may have been deleted.');
  });
});
