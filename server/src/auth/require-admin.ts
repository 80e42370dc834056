import type { RequestHandler } from 'express';
import { ApiError } from '../http/api-error';
import { currentUser } from './authenticated-user';

/** Lets only callers whose token carries the `admin: true` claim through. */
export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (currentUser(req).role !== 'admin') {
    // The claim is read from the token: a newly promoted admin must refresh it (sign in again).
    throw new ApiError(
      403,
      'forbidden',
      'This needs an administrator account. Ask a Maestro administrator for access.',
    );
  }
  next();
};
