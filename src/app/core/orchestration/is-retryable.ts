/**
 * Which failures are worth another attempt. A retry only helps when the failure is
 * transient (the network, an overloaded or restarting server, a timeout); a request the
 * server refused (400, 401, 403, 404, 409, 422) fails the same way every time, so
 * retrying it only delays the message the user needs to see.
 *
 * Unknown errors are not retried: we retry what we know to be transient, nothing else.
 */

/**
 * Error codes that mean "try again later": Firestore's transient codes, the Maestro API's
 * `unavailable` / `network` codes (see ApiRequestError) and the orchestrator's own `timeout`.
 * A prefix such as `firestore/` or `auth/` is ignored.
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'unavailable',
  'deadline-exceeded',
  'resource-exhausted',
  'network',
  'network-request-failed',
  'timeout',
]);

/** What browsers say when fetch() cannot reach the server (Chromium, Firefox, Safari). */
const FETCH_NETWORK_MESSAGE = /failed to fetch|networkerror|load failed|network request failed/i;

export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, status, code } = error as { name?: unknown; status?: unknown; code?: unknown };

  // AbortSignal.timeout() rejects with a TimeoutError; an AbortError is a deliberate cancel.
  if (name === 'TimeoutError') return true;
  if (name === 'AbortError') return false;

  // The HTTP status is the most exact answer, so it wins over a code (ApiRequestError has both).
  if (typeof status === 'number') return isRetryableStatus(status);

  // A TypeError is also what a programming bug throws: only the network one is transient.
  if (error instanceof TypeError) return isFetchNetworkError(error);

  if (typeof code === 'string') return RETRYABLE_CODES.has(withoutPrefix(code));
  return false;
}

/** fetch() rejects with a TypeError when the server cannot be reached. */
export function isFetchNetworkError(error: unknown): boolean {
  return error instanceof TypeError && FETCH_NETWORK_MESSAGE.test(error.message);
}

/** 0 = no response at all; 408 = the server gave up waiting; 429 = slow down; 5xx = the server failed. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The wait a server asked for (a 429's or 503's Retry-After, already in ms), if the error carries one. */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0
    ? retryAfterMs
    : undefined;
}

function withoutPrefix(code: string): string {
  const slash = code.lastIndexOf('/');
  return slash === -1 ? code : code.slice(slash + 1);
}
