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
  });
});
