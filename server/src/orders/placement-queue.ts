import { ApiError } from '../http/api-error';

/**
 * How many orders this node places at once; the others wait their turn. A burst (a hot dish, a
 * rush) otherwise starts hundreds of sagas together: they share two CPUs and one database, every
 * step slows down past its timeout, and buyers get "service unavailable" for an order that would
 * have gone through. Queued, each saga runs at full speed and every buyer gets a real answer;
 * the wait is the only cost. Past `maxWaiting` the node says so at once (503 with Retry-After).
 */
export interface PlacementQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** Answered 503 with `Retry-After: 5` (routes.ts). */
export class PlacementQueueFull extends ApiError {
  constructor() {
    super(
      503,
      'unavailable',
      'Too many orders are being placed right now; nothing was placed. Try again in a few seconds.',
    );
  }
}

export const DEFAULT_PLACEMENT_QUEUE = { concurrency: 16, maxWaiting: 5_000 };

export function placementQueue(
  options: { concurrency: number; maxWaiting: number } = DEFAULT_PLACEMENT_QUEUE,
): PlacementQueue {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(work) {
      if (running >= options.concurrency) {
        if (waiting.length >= options.maxWaiting) {
          throw new PlacementQueueFull();
        }
        // The slot is handed over by the run that ends (running stays counted).
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
