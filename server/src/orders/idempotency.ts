import { createHash } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from './order-docs';

/** How long a key is remembered (a TTL policy on `expiresAt` deletes old ones in production). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** `idempotencyKeys/{sha256(uid, key)}`: keys are per user, so two users cannot collide. */
export interface IdempotencyDoc {
  uid: string;
  requestHash: string;
  orderId: string;
}

export function idempotencyRef(db: Firestore, uid: string, key: string) {
  const id = createHash('sha256').update(`${uid}\n${key}`).digest('hex');
  return db.collection(COLLECTIONS.idempotencyKeys).doc(id);
}

/** The same request, whatever its key order or spacing, hashes the same. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
