// What a browser sends for a ledger change, as the SPA's orchestrators build it: the change and its
// activity entry in one batch, the document naming the entry in `auditId`. Tests vary one part.
import { assertFails, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, serverTimestamp, setDoc, writeBatch, type Firestore } from 'firebase/firestore';
import { accountNameClaimPath, categoryNameClaimPath } from '../../contracts/unique-names';

export interface Member {
  uid: string;
  email: string;
  role?: 'staff' | 'admin';
}

export const STAFF: Member = { uid: 'staff-1', email: 'staff@maestro.test', role: 'staff' };
export const OTHER_STAFF: Member = { uid: 'staff-2', email: 'kim@maestro.test', role: 'staff' };
export const ADMIN: Member = { uid: 'admin-1', email: 'admin@maestro.test', role: 'admin' };
/** Signed up on their own with the public web key: a Firebase account, no role. */
export const STRANGER: Member = { uid: 'stranger-1', email: 'mallory@example.com' };

export function dbOf(env: RulesTestEnvironment, who: Member): Firestore {
  const claims: Record<string, unknown> = { email: who.email };
  if (who.role) claims['role'] = who.role;
  return env.authenticatedContext(who.uid, claims).firestore();
}

export interface Subject {
  type: string;
  id: string;
}

let counter = 0;
/** A fresh entry id, as the SPA uses a fresh event id. */
export const newEntryId = (): string => `ev-${Date.now().toString(36)}-${++counter}`;

/** The activity entry a client writes, valid unless overridden. */
export function entryData(who: Member, entryId: string, subject: Subject, action: string, changes: object = {}): Record<string, unknown> {
  return {
    actorUid: who.uid,
    actorEmail: who.email,
    action,
    subject,
    changes,
    correlationId: 'corr-1',
    eventId: entryId,
    at: serverTimestamp(),
  };
}

export type Op =
  | { kind: 'set'; path: string; data: Record<string, unknown>; merge?: boolean }
  | { kind: 'update'; path: string; data: Record<string, unknown> }
  | { kind: 'delete'; path: string };

/** One batch: the entry (when given) and the ops, each set/update stamped with `auditId` of the entry. */
export function commitWithEntry(
  db: Firestore,
  ops: Op[],
  entry?: { id: string; data: Record<string, unknown> },
  options: { stamp?: boolean } = {},
): Promise<void> {
  const batch = writeBatch(db);
  if (entry) batch.set(doc(db, `activity/${entry.id}`), entry.data);
  for (const op of ops) {
    const ref = doc(db, op.path);
    // Counters, the ledger version and name claims name what they count or claim themselves.
    const stamp = entry && options.stamp !== false && !/^(metadata|accountNames|categoryNames)\//.test(op.path);
    const data = op.kind === 'delete' ? {} : stamp ? { ...op.data, auditId: entry.id } : op.data;
    if (op.kind === 'set') batch.set(ref, data, { merge: op.merge ?? false });
    else if (op.kind === 'update') batch.update(ref, data);
    else batch.delete(ref);
  }
  return batch.commit();
}

/** The usual case: `who` changes `path` with an entry about `subject`. */
export function audited(
  db: Firestore,
  who: Member,
  op: Op,
  subject: Subject,
  action: string,
  options: { entryId?: string; changes?: object } = {},
): Promise<void> {
  const id = options.entryId ?? newEntryId();
  const ops = op.kind === 'set' ? [op, ...nameClaim(op.path, op.data)] : [op];
  return commitWithEntry(db, ops, { id, data: entryData(who, id, subject, action, options.changes ?? {}) });
}

/**
 * The claim on its name that a new account or category carries in its batch, as the orchestrators
 * write it (contracts/unique-names.ts); `data` is the document as it will be after the batch.
 */
export function nameClaim(docPath: string, data: Record<string, unknown>): Op[] {
  const [collection, id] = docPath.split('/');
  if (typeof data['name'] !== 'string') return [];
  if (collection === 'accounts') return [{ kind: 'set', path: accountNameClaimPath(String(data['currency']), data['name']), data: { accountId: id } }];
  if (collection === 'categories') {
    return [{ kind: 'set', path: categoryNameClaimPath(data['parentId'] as string | null, data['name']), data: { categoryId: id } }];
  }
  return [];
}

/** Stored as it is, rules off (what the seed and the API write). */
export async function given(env: RulesTestEnvironment, path: string, data: object): Promise<void> {
  await env.withSecurityRulesDisabled(async (context) => {
    await setDoc(doc(context.firestore(), path), data);
  });
}

export const now = serverTimestamp;

export const USD_ACCOUNT = { name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: 'staff-1' };
export const EUR_ACCOUNT = { ...USD_ACCOUNT, name: 'Euro bank', type: 'bank', currency: 'EUR' };

/** Two USD accounts, a EUR one, an archived one and a category, as stored. */
export async function givenLedger(env: RulesTestEnvironment): Promise<void> {
  await given(env, 'accounts/usd', USD_ACCOUNT);
  await given(env, 'accounts/usd2', { ...USD_ACCOUNT, name: 'Card' });
  await given(env, 'accounts/eur', EUR_ACCOUNT);
  await given(env, 'accounts/old', { ...USD_ACCOUNT, name: 'Old till', archived: true });
  await given(env, 'categories/rent', { name: 'Rent', colour: '#6a1b9a', icon: 'home', parentId: null });
}

export const isoDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** assertFails that says which case got through. */
export async function assertRefused(write: Promise<unknown>, what: string): Promise<void> {
  try {
    await assertFails(write);
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
