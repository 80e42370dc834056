/** Throughput and latency of `count` calls of `one`, `concurrency` at a time. */
export interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
}

export async function measure(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<void>,
): Promise<Measured> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await one(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!;
  return { perSecond: count / ((performance.now() - started) / 1000), p50: at(0.5), p99: at(0.99) };
}
