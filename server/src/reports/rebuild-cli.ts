import { loadConfig } from '../config';
import { redisJobLease } from '../cluster/job-lease';
import { createFirebase } from '../firebase';
import { createRedisClient } from '../limits/redis-client';
import { createLogger } from '../logger';
import { rebuildSales } from './rebuild-sales';

// `npm run sales:rebuild`: the rebuild job without an API running (a backfill before the first
// start, or after changing MAESTRO_BUSINESS_TIME_ZONE), with the API's own environment. With
// MAESTRO_REDIS_URL it takes the same lease as the admin route, so it never runs beside one.

async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const firebase = createFirebase(config.projectId);
  const redis = config.redisUrl ? createRedisClient(config.redisUrl, logger) : undefined;
  try {
    const lease = redis && redisJobLease(redis, logger, 'sales-rebuild', `cli-${process.pid}`, 60_000);
    const result = await rebuildSales(firebase.firestore, config.businessTimeZone, { lease, logger });
    if (!result.finished) {
      console.error('An API node is rebuilding the sales figures (or has just done so): try again in a minute.');
      return 1;
    }
    console.log(
      `Sales figures rebuilt in ${result.timeZone}: ${result.orders} finished orders counted into ${result.days} days and ${result.months} months (${result.marked} older orders marked as counted).`,
    );
    return 0;
  } finally {
    await redis?.quit().catch(() => undefined);
    await firebase.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
