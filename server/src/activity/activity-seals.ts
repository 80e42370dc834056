import { randomUUID } from 'node:crypto';
import type { ActivityChainVerification, ActivitySealRunResult } from '@maestro/contracts';
import type { Router } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import type { ActivitySealConfig } from '../config';
import type { Logger } from '../logger';
import { adminActivityRouter } from './routes';
import { sealActivity } from './sealer';
import { verifyActivityChain, type VerifyOptions } from './verify';
import { everyNodeRuns, type JobLease } from '../cluster/job-lease';

export interface ActivitySealsDeps {
  firestore: Firestore;
  logger: Logger;
  config: ActivitySealConfig;
  /** Seals per run (one POST, one interval tick); the next run goes on from there. */
  maxSealsPerRun?: number;
  verify?: VerifyOptions;
  now?: () => Date;
  /** Several nodes: only the holder seals on the interval (POST /seal works on any node). */
  lease?: JobLease;
}

export interface ActivitySeals {
  /** `/api/admin/activity`: POST /seal, GET /verify. */
  router: Router;
  /** One sealing run; runs of this node never overlap (a call waits for the one in progress). */
  sealNow(): Promise<ActivitySealRunResult>;
  verify(): Promise<ActivityChainVerification>;
  /** Seals every config.intervalMs (nothing when 0), the first run one interval after start. */
  start(): void;
  /** Stops the interval and waits for a run in progress (which stops after its current seal). */
  stop(): Promise<void>;
}

export const DEFAULT_ACTIVITY_SEALS: ActivitySealConfig = {
  intervalMs: 30_000,
  settleMs: 5_000,
  maxEntriesPerSeal: 500,
};

/** The activity log's hash chain: sealing (on an interval and on demand) and verification. */
export function createActivitySeals(deps: ActivitySealsDeps): ActivitySeals {
  const { firestore: db, logger, config } = deps;
  const lease = deps.lease ?? everyNodeRuns;
  const closing = new AbortController();
  const sealerDeps = {
    db,
    logger,
    settleMs: config.settleMs,
    maxEntriesPerSeal: config.maxEntriesPerSeal,
    maxSealsPerRun: deps.maxSealsPerRun ?? 200,
    instanceId: randomUUID(),
    now: deps.now ?? (() => new Date()),
    signal: closing.signal,
  };
  // Runs of one node queue behind each other; nodes among themselves race in the transaction.
  let queue: Promise<unknown> = Promise.resolve();
  let running = 0;
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopped = false;

  function sealNow(): Promise<ActivitySealRunResult> {
    running++;
    const run = queue.then(() => sealActivity(sealerDeps)).finally(() => running--);
    queue = run.catch(() => undefined);
    return run;
  }

  async function sealIfLeader(): Promise<void> {
    if (!(await lease.acquire())) return;
    await sealNow().then(
      () => undefined,
      (error: unknown) => logger.error({ err: error }, 'activity sealing failed; will retry'),
    );
  }

  function tick(): void {
    // A tick while a run (an admin's POST) is going on has nothing to add: skip it.
    const run = running > 0 ? Promise.resolve() : sealIfLeader();
    void run.then(() => {
      if (!stopped) timer = setTimeout(tick, config.intervalMs).unref();
    });
  }

  return {
    router: adminActivityRouter({ sealNow, verify: () => verifyActivityChain(db, deps.verify) }),
    sealNow,
    verify: () => verifyActivityChain(db, deps.verify),
    start() {
      if (config.intervalMs === 0 || started || stopped) return;
      started = true;
      // The first run waits one interval: sealing is never urgent, and a node that is starting
      // (or a short-lived one, as in tests) should not begin with a scan of the whole log.
      timer = setTimeout(tick, config.intervalMs).unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      closing.abort();
      await queue;
    },
  };
}
