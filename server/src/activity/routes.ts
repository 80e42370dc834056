import type { ActivityChainVerification, ActivitySealRunResult } from '@maestro/contracts';
import { Router } from 'express';

/** `/api/admin/activity`: the activity log's seals, for admins (mounted behind requireAdmin). */
export function adminActivityRouter(seals: {
  sealNow(): Promise<ActivitySealRunResult>;
  verify(): Promise<ActivityChainVerification>;
}): Router {
  const router = Router();
  // Seals what has settled now, instead of waiting for the next interval run.
  router.post('/seal', async (_req, res) => {
    res.json(await seals.sealNow());
  });
  router.get('/verify', async (_req, res) => {
    res.json(await seals.verify());
  });
  return router;
}
