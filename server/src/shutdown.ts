import type { Logger } from './logger';

/**
 * On SIGTERM (orchestrators, `docker stop`) or SIGINT (Ctrl-C): run `stop`, then exit 0.
 * If stopping takes longer than `graceMs`, or fails, exit 1 so a supervisor sees it.
 * A second signal while stopping forces the exit at once.
 */
export function exitGracefullyOnSignals(
  logger: Logger,
  graceMs: number,
  stop: () => Promise<void>,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal while shutting down: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs }, 'shutting down: finishing open requests');
    // unref: the timer alone must not keep the process alive once everything else closed.
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took longer than SHUTDOWN_GRACE_MS: forcing exit');
      process.exit(1);
    }, graceMs).unref();
    stop().then(
      () => {
        logger.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
