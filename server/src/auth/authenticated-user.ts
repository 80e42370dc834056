import type { Role } from '@maestro/contracts';

/** The caller, as proven by a verified Firebase ID token. */
export interface AuthenticatedUser {
  uid: string;
  email: string | null;
  role: Role;
  /** When the account signed in (the token's `auth_time`, seconds): revocations compare with it. */
  authTime: number;
  /** When the token runs out (ms since the epoch): a socket opened with it ends then. */
  expiresAt: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` on every /api route except the health check. */
    user?: AuthenticatedUser;
  }
}

/** The authenticated caller; a route reached without `authenticate` is a wiring bug (500). */
export function currentUser(req: { user?: AuthenticatedUser }): AuthenticatedUser {
  if (!req.user) throw new Error('Route is missing the authenticate middleware');
  return req.user;
}
