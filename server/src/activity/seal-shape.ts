import type { ActivityChainProblem } from '@maestro/contracts';
import { Timestamp, type DocumentData } from 'firebase-admin/firestore';
import { SEAL_VERSION, sealId, type LogPosition, type SealDoc } from './seal-chain';

export interface ReadSeal {
  /** The seal's place in the chain: its own, else read from its id, else where it was found. */
  sequence: number;
  /** Undefined when the record is not a seal any more (fields missing or of the wrong type). */
  seal?: SealDoc;
  /** Where the seal's stretch ends, if that much is still readable: the next seal starts there. */
  last?: LogPosition;
  problems: ActivityChainProblem[];
}

/**
 * A stored seal, checked for shape before anything is recomputed from it: a seal edited by
 * hand may lack fields or hold other types, and verification must report that, not crash.
 */
export function readSeal(id: string, data: DocumentData, expectedSequence: number): ReadSeal {
  const fromId = /^\d{12}$/.test(id) ? Number(id) : expectedSequence;
  const sequence = Number.isSafeInteger(data['sequence']) ? (data['sequence'] as number) : fromId;
  const altered = (why: string): ReadSeal => ({
    sequence,
    last: isPosition(data['last']) ? data['last'] : undefined,
    problems: [
      { seal: sequence, kind: 'seal-altered', message: `Seal ${sequence} (${id}) ${why}.` },
    ],
  });

  if (data['version'] !== SEAL_VERSION) {
    return altered(
      `has version ${String(data['version'])}; this API checks version ${SEAL_VERSION}`,
    );
  }
  const strings = (value: unknown) =>
    Array.isArray(value) && value.every((v) => typeof v === 'string');
  const shapeOk =
    Number.isSafeInteger(data['sequence']) &&
    typeof data['previousHash'] === 'string' &&
    typeof data['hash'] === 'string' &&
    Number.isSafeInteger(data['count']) &&
    isPosition(data['first']) &&
    isPosition(data['last']) &&
    strings(data['entryIds']) &&
    strings(data['entryHashes']);
  if (!shapeOk) return altered('is not a seal any more: fields are missing or of the wrong type');
  const seal = data as SealDoc;
  if (
    seal.entryIds.length !== seal.count ||
    seal.entryHashes.length !== seal.count ||
    seal.count === 0
  ) {
    return altered(
      `lists ${seal.entryIds.length} entries and ${seal.entryHashes.length} hashes for a count of ${seal.count}`,
    );
  }
  if (id !== sealId(seal.sequence)) {
    // Checked further (link, entries), but a seal stored under another number was moved.
    return { ...altered(`is stored as ${id} but says it is seal ${seal.sequence}`), seal };
  }
  return { sequence, seal, last: seal.last, problems: [] };
}

function isPosition(value: unknown): value is LogPosition {
  if (typeof value !== 'object' || value === null) return false;
  const position = value as Record<string, unknown>;
  return position['at'] instanceof Timestamp && typeof position['id'] === 'string';
}
