import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Firestore, Query } from 'firebase-admin/firestore';

// A full GC on demand without starting node with --expose-gc: contexts made after the flag get gc().
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Bytes of live heap: what is still reachable after a full collection. */
export function liveHeapBytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

export interface HeapPeak<T> {
  result: T;
  /** Live heap before `work`. */
  baselineBytes: number;
  /** The most live heap above the baseline at any sample. */
  peakGrowthBytes: number;
  /** Live heap above the baseline once `work` resolved. */
  retainedBytes: number;
  samples: number;
}

/**
 * The live heap while `work` runs (in this process: the API under test included), sampled after a
 * full GC each time a Firestore query page or getAll resolves — the moments a reader holds the
 * most of what it read — and once at the end. No timer: the same reads give the same samples
 * however fast the emulator answers, so the bound a test asserts does not depend on timing.
 */
export async function heapPeakDuring<T>(work: () => Promise<T>): Promise<HeapPeak<T>> {
  const baselineBytes = liveHeapBytes();
  let peak = baselineBytes;
  let samples = 0;
  const sample = () => {
    samples++;
    peak = Math.max(peak, liveHeapBytes());
  };
  const queryGet = Query.prototype.get;
  const getAll = Firestore.prototype.getAll;
  Query.prototype.get = async function (this: Query) {
    const snapshot = await queryGet.call(this);
    sample();
    return snapshot;
  } as typeof queryGet;
  Firestore.prototype.getAll = async function (
    this: Firestore,
    ...args: Parameters<typeof getAll>
  ) {
    const snapshots = await getAll.apply(this, args);
    sample();
    return snapshots;
  } as typeof getAll;
  try {
    const result = await work();
    sample();
    const retainedBytes = liveHeapBytes() - baselineBytes;
    return { result, baselineBytes, peakGrowthBytes: peak - baselineBytes, retainedBytes, samples };
  } finally {
    Query.prototype.get = queryGet;
    Firestore.prototype.getAll = getAll;
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
