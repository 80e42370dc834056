import type { ExtendedError } from 'socket.io';
import type { TokenVerifier } from '../auth/token-verifier';
import { ApiError, INTERNAL_ERROR_MESSAGE } from '../http/api-error';
import type { Logger } from '../logger';
import type { MaestroSocket } from './realtime-types';

const SIGN_IN_FIRST = 'Sign in first: connect with your Firebase ID token as `auth: { token }`.';

/**
 * Handshake middleware: the same token check as HTTP. A refusal reaches the client as a
 * `connect_error` whose `data` is `{ code, message }`, so the SPA can tell "sign in again"
 * from "try later".
 */
export function socketAuthentication(verifier: TokenVerifier, logger: Logger) {
  return async (socket: MaestroSocket, next: (error?: ExtendedError) => void): Promise<void> => {
    const token: unknown = socket.handshake.auth['token'];
    try {
      if (typeof token !== 'string' || token === '')
        throw new ApiError(401, 'unauthenticated', SIGN_IN_FIRST);
      socket.data.user = await verifier.verify(token);
      next();
    } catch (error) {
      const refusal =
        error instanceof ApiError ? error : new ApiError(500, 'internal', INTERNAL_ERROR_MESSAGE);
      logger.info(
        { code: refusal.code, reason: refusal.reason ?? describe(error), socketId: socket.id },
        'socket handshake refused',
      );
      next(handshakeError(refusal));
    }
  };
}

function handshakeError(refusal: ApiError): ExtendedError {
  const error: ExtendedError = new Error(refusal.message);
  error.data = { code: refusal.code, message: refusal.message };
  return error;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
