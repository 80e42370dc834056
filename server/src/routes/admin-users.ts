import type { AdminUserList } from '@maestro/contracts';
import { Router } from 'express';
import type { Auth } from 'firebase-admin/auth';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { parseOrThrow } from '../http/validate';
import { teamRouter, toSummary, type SessionsEnded } from '../team/team-router';

const listQuery = z.object({
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int({ error: 'pageSize must be a whole number' })
    .min(1, { error: 'pageSize must be at least 1' })
    .max(1000, { error: 'pageSize must be at most 1000' })
    .default(1000),
  pageToken: z.string({ error: 'pageToken must be given once' }).min(1).optional(),
});

/**
 * `/api/admin/users`: the Firebase Auth accounts, for admins (mounted behind requireAdmin).
 * `firestore` defaults to the one of the Auth client's app (the team routes write profiles);
 * `spaOrigins` are where invite links may point (the app's set-your-password page).
 */
export function adminUsersRouter(
  auth: Auth,
  firestore: Firestore = getFirestore(auth.app),
  sessionsEnded: SessionsEnded = () => undefined,
  spaOrigins?: readonly string[],
): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { pageSize, pageToken } = parseOrThrow(listQuery, req.query, 'query');
    const page = await auth.listUsers(pageSize, pageToken).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'auth/invalid-page-token') {
        throw new ApiError(
          400,
          'bad_request',
          'pageToken is not valid; start again from the first page.',
        );
      }
      throw error;
    });
    const body: AdminUserList = { users: page.users.map(toSummary) };
    if (page.pageToken) body.nextPageToken = page.pageToken;
    res.json(body);
  });
  router.use(teamRouter(auth, firestore, sessionsEnded, spaOrigins));
  return router;
}
