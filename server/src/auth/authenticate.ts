import type { RequestHandler } from 'express';
import type { Auth } from 'firebase-admin/auth';
import { ApiError } from '../http/api-error';
import { bearerToken, SIGN_IN_FIRST_MESSAGE, verifyIdToken } from './verify-id-token';

/**
 * Requires a valid Firebase ID token of a member and sets `req.user`. Mounted before the body
 * parser, so a request without a valid token is refused before its body is read.
 */
export function authenticate(auth: Auth): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new ApiError(401, 'unauthenticated', SIGN_IN_FIRST_MESSAGE);
    req.user = await verifyIdToken(auth, token);
    next();
  };
}
