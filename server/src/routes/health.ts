import type { DependencyCheck, HealthReport } from '@maestro/contracts';
import { Router } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import type { Logger } from '../logger';

/**
 * `GET /api/health`, no sign-in: load balancers and the admin screen ask whether this node
 * can reach Firestore. One document read, bounded by a timeout so a hung Firestore
 * answers 503 quickly instead of hanging the probe. The route is public, so the read is shared:
 * its outcome (good or bad) answers every probe for `cacheMs`, and probes that arrive while it
 * runs wait for that one read instead of starting their own.
 */
export function healthRouter(
  firestore: Firestore,
  logger: Logger,
  timeoutMs: number,
  cacheMs: number,
  emitFailures: () => number,
): Router {
  const router = Router();
  let cached: { check: DependencyCheck; at: number } | undefined;
  let running: Promise<DependencyCheck> | undefined;
  const sharedCheck = (): Promise<DependencyCheck> => {
    if (cached && performance.now() - cached.at < cacheMs) return Promise.resolve(cached.check);
    running ??= checkFirestore(firestore, logger, timeoutMs)
      .then((check) => {
        cached = { check, at: performance.now() };
        return check;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  router.get('/', async (_req, res) => {
    const firestoreCheck = await sharedCheck();
    const report: HealthReport = {
      status: firestoreCheck.ok ? 'ok' : 'degraded',
      uptimeSeconds: Math.round(process.uptime()),
      checks: { firestore: firestoreCheck },
      // A count, no detail: the route is public, and what failed is in the log and the metrics.
      realtime: { emitFailures: emitFailures() },
    };
    res
      .set('Cache-Control', 'no-store')
      .status(firestoreCheck.ok ? 200 : 503)
      .json(report);
  });
  return router;
}

async function checkFirestore(
  firestore: Firestore,
  logger: Logger,
  timeoutMs: number,
): Promise<DependencyCheck> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    // A missing document costs one read and touches no business data.
    await withTimeout(firestore.doc('_maestro/health').get(), timeoutMs);
    return { ok: true, latencyMs: latency() };
  } catch (error) {
    logger.warn({ err: error }, 'health check: Firestore unreachable');
    // Only a short classification goes out: the health route is public.
    const message =
      error instanceof TimeoutError
        ? `Firestore did not answer within ${timeoutMs} ms`
        : `Firestore read failed${grpcCode(error)}`;
    return { ok: false, latencyMs: latency(), error: message };
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function grpcCode(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'number' || typeof code === 'string' ? ` (code ${code})` : '';
}
