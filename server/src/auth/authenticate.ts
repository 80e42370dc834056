import type { RequestHandler } from 'express';
import { ApiError } from '../http/api-error';
import type { TokenVerifier } from './token-verifier';
import { bearerToken, SIGN_IN_FIRST_MESSAGE } from './verify-id-token';

/**
 * Requires a valid Firebase ID token of a member and sets `req.user`. Mounted before the body
 * parser, so a request without a valid token is refused before its body is read.
 */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new ApiError(401, 'unauthenticated', SIGN_IN_FIRST_MESSAGE);
    req.user = await verifier.verify(token);
    next();
  };
}
