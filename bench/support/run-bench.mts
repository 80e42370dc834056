/**
 * Runs a bench's `main`, then its clean-up whatever happened (a failed run must not leave servers,
 * browsers or emulator data behind), and exits with main's code: 1 when it threw.
 */
export async function runBench(main: () => Promise<number>, cleanUp: () => Promise<unknown>): Promise<never> {
  let exitCode = 1;
  try {
    exitCode = await main();
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  } finally {
    await cleanUp();
  }
  process.exit(exitCode);
}

/** Clean-ups registered as a bench goes, run newest first; one that fails is logged, the rest still run. */
export async function runCleanups(cleanups: (() => Promise<unknown>)[]): Promise<void> {
  for (let next = cleanups.pop(); next; next = cleanups.pop())
    await next().catch((error: unknown) => console.error('cleanup failed:', error));
}
