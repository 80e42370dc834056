import { Router } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import type { JobLease } from '../cluster/job-lease';
import { ApiError } from '../http/api-error';
import { parseOrThrow } from '../http/validate';
import type { Logger } from '../logger';
import { rebuildSales, type RebuildResult } from './rebuild-sales';
import { listSalesOrders } from './sales-orders';
import { salesMonthsReport, salesReport } from './sales-report';
import { salesMonthsQuery, salesOrdersQuery, salesQuery } from './schemas';

export interface ReportsDeps {
  db: Firestore;
  logger: Logger;
  /** MAESTRO_BUSINESS_TIME_ZONE. */
  timeZone: string;
  /** Several nodes: only the holder rebuilds (cluster/job-lease.ts). */
  rebuildLease: JobLease;
}

/**
 * `/api/reports` (mounted behind requireAdmin): the sales reports, read from the aggregates, and
 * the finished orders behind their figures.
 */
export function reportsRouter({ db, timeZone }: ReportsDeps): Router {
  const router = Router();
  router.get('/sales', async (req, res) => {
    const query = parseOrThrow(salesQuery, req.query, 'sales report query');
    res.json(await salesReport(db, query, timeZone));
  });
  router.get('/sales-months', async (req, res) => {
    const query = parseOrThrow(salesMonthsQuery, req.query, 'sales months query');
    res.json(await salesMonthsReport(db, query, timeZone));
  });
  router.get('/orders', async (req, res) => {
    const query = parseOrThrow(salesOrdersQuery, req.query, 'order list query');
    res.json(await listSalesOrders(db, query, timeZone));
  });
  return router;
}

/**
 * `POST /api/admin/reports/sales/rebuild` (admins): recounts the aggregates from the orders and
 * answers with what it did once done. One run at a time on this node, and across nodes through
 * the job lease.
 */
export function salesRebuildRouter({ db, logger, timeZone, rebuildLease }: ReportsDeps): Router {
  const router = Router();
  let running: Promise<RebuildResult> | null = null;
  router.post('/sales/rebuild', async (_req, res) => {
    if (running)
      throw new ApiError(409, 'conflict', 'A rebuild of the sales figures is already running. Wait for it to finish, then look at the reports again.');
    running = rebuildSales(db, timeZone, { lease: rebuildLease, logger });
    try {
      const result = await running;
      if (!result.finished)
        throw new ApiError(409, 'conflict', 'Another API node is rebuilding the sales figures (or has just done so). Try again in a minute if the reports still look wrong.');
      res.json(result);
    } finally {
      running = null;
    }
  });
  return router;
}
