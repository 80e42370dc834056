import { roleFromClaims, type AdminUserList, type AdminUserSummary } from '@maestro/contracts';
import { Router } from 'express';
import type { Auth, UserRecord } from 'firebase-admin/auth';
import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { parseOrThrow } from '../http/validate';

const listQuery = z.object({
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int({ error: 'pageSize must be a whole number' })
    .min(1, { error: 'pageSize must be at least 1' })
    .max(1000, { error: 'pageSize must be at most 1000' })
    .default(1000),
  pageToken: z.string({ error: 'pageToken must be given once' }).min(1).optional(),
});

/** `/api/admin/users`: the Firebase Auth accounts, for admins (mounted behind requireAdmin). */
export function adminUsersRouter(auth: Auth): Router {
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
  return router;
}

function toSummary(user: UserRecord): AdminUserSummary {
  return {
    uid: user.uid,
    email: user.email ?? null,
    displayName: user.displayName ?? null,
    role: roleFromClaims(user.customClaims ?? {}),
    disabled: user.disabled,
  };
}
