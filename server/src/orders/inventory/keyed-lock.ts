/**
 * Runs work one at a time per key, in this process. Stock changes are Firestore transactions
 * (correct across API nodes), but two transactions of one node that read and then write the same
 * menu item deadlock until Firestore aborts one (about 2 s on the emulator): queueing them here
 * turns that into a few milliseconds of waiting. Keys are taken in sorted order, so two calls
 * with overlapping keys cannot wait on each other.
 */
export function keyedLock() {
  const tails = new Map<string, Promise<void>>();

  async function acquire(key: string): Promise<() => void> {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
  }

  return async function withKeys<T>(keys: Iterable<string>, work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await acquire(key));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  };
}

export type KeyedLock = ReturnType<typeof keyedLock>;
