import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createFirebase } from './firebase';
import { createRedisClient } from './limits/redis-client';
import { createLogger } from './logger';
import { exitGracefullyOnSignals } from './shutdown';

// Entry point: `npm run server`. Everything else is built by createApp so tests can do the same.
function main(): void {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const firebase = createFirebase(config.projectId);
  logger.info(
    {
      projectId: config.projectId,
      firestoreEmulator: process.env['FIRESTORE_EMULATOR_HOST'] ?? null,
      authEmulator: process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? null,
      spaOrigins: config.spaOrigins,
      // Redis: events, recovery sessions, rate limits, the stock guard and job leases are shared.
      cluster: config.redisUrl ? 'redis' : 'single node',
      realtimeCoalesceMs: config.realtimeCoalesceMs,
    },
    'starting Maestro API',
  );

  // A bug that escaped every handler: record it where the logs go, then let the supervisor restart us.
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (error: unknown) => {
      logger.fatal({ err: error }, `${event}: exiting`);
      process.exit(1);
    });
  }

  // Rate limits shared by every node; without it each node counts on its own.
  const redis = config.redisUrl ? createRedisClient(config.redisUrl, logger) : undefined;
  const server = createApp({
    config,
    logger,
    auth: firebase.auth,
    firestore: firebase.firestore,
    saga: config.saga,
    rateLimits: config.rateLimits,
    redis,
    redisUrl: config.redisUrl,
    trustProxyHops: config.trustProxyHops,
    healthCacheMs: config.healthCacheMs,
  });
  exitGracefullyOnSignals(logger, config.shutdownGraceMs, async () => {
    await server.close();
    await redis?.quit().catch(() => undefined);
    await firebase.close();
  });

  server.listen().then(
    (url) => logger.info({ url }, `Maestro API listening on ${url}`),
    (error: unknown) => {
      logger.fatal({ err: error }, error instanceof Error ? error.message : 'could not start');
      process.exit(1);
    },
  );
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

main();
