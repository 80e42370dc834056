import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, INTERNAL_ERROR_MESSAGE } from './api-error';

/** Any route under /api that matched nothing: a JSON 404, never Express's HTML page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(
    new ApiError(
      404,
      'not_found',
      `There is no API route ${req.method} ${req.originalUrl.split('?')[0]}. Check the method and path.`,
    ),
  );
};

/**
 * The one place an error becomes a response: `{ error: { code, message } }`.
 * Unknown errors answer a generic 500; their details go to the log only.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  // The response already started streaming: let Express close the connection.
  if (res.headersSent) return next(error);

  const failure = datastoreFailure(error);
  const apiError = toApiError(error, failure);
  // Busy, nothing written: a client (the SPA's retry interceptor) may come back at once.
  if (failure === 'contention') res.set('Retry-After', '1');
  if (apiError.status >= 500) {
    // pino-http logs the finished request with this error attached (stack included).
    res.err = error instanceof Error ? error : new Error(String(error));
  } else if (apiError.reason) {
    req.log.info({ code: apiError.code, reason: apiError.reason }, 'request refused');
  }
  res.status(apiError.status).json(apiError.toBody());
};

/**
 * Firestore's gRPC failures that are not ours to report as a bug: ABORTED (10) once the client's
 * own transaction retries are spent (contention; in the emulator also "Transaction lock timeout",
 * e.g. a lock a killed node held), so nothing was committed; UNAVAILABLE (14) and
 * DEADLINE_EXCEEDED (4), where a write may or may not have landed.
 */
type DatastoreFailure = 'contention' | 'unreachable' | null;

function datastoreFailure(error: unknown): DatastoreFailure {
  if (typeof error !== 'object' || error === null) return null;
  const { code, details, metadata } = error as { code?: unknown; details?: unknown; metadata?: unknown };
  // The gRPC shape (a numeric code with details or metadata), not any Error that has a `code`.
  if (typeof code !== 'number' || (details === undefined && metadata === undefined)) return null;
  if (code === 10) return 'contention';
  return code === 14 || code === 4 ? 'unreachable' : null;
}

function toApiError(error: unknown, failure: DatastoreFailure): ApiError {
  if (error instanceof ApiError) return error;
  switch (failure) {
    case 'contention':
      return new ApiError(503, 'unavailable', 'Many changes reached the same data at once and this one was not made. Try again in a moment.');
    case 'unreachable':
      return new ApiError(
        503,
        'unavailable',
        'The database did not answer in time: the change may or may not have been saved. Reload to check before trying again.',
      );
  }
  // The router could not decode a path parameter (`/api/orders/%ZZ`): the caller's mistake.
  if (error instanceof URIError) {
    return new ApiError(
      400,
      'bad_request',
      'The address has a malformed percent-escape (such as %ZZ or a cut-off %E0%A4). Encode ids with encodeURIComponent.',
    );
  }
  // Errors thrown by express.json() (body-parser) carry `type` and `status`.
  switch (bodyParserErrorType(error)) {
    case 'entity.parse.failed':
      return new ApiError(
        400,
        'bad_request',
        'The request body is not valid JSON. Check its syntax and send it again.',
      );
    case 'entity.too.large':
      return new ApiError(
        413,
        'payload_too_large',
        'The request body is too large. Send less data in one request.',
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(
        415,
        'bad_request',
        'The request body must be JSON in UTF-8 (Content-Type: application/json).',
      );
    case 'request.aborted':
      return new ApiError(
        400,
        'bad_request',
        'The request body was cut off before it was complete. Send it again.',
      );
    default:
      return new ApiError(500, 'internal', INTERNAL_ERROR_MESSAGE);
  }
}

function bodyParserErrorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}
