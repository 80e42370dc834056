// Name claims (contracts/unique-names.ts) for accounts and categories that have none: the demo
// data and anything written before names were unique. A name two of them share is left unclaimed:
// the app shows those to admins to rename, and the rules let either keep its name meanwhile.
import type { Firestore } from 'firebase-admin/firestore';
import { accountNameClaimPath, categoryNameClaimPath, comparableName } from '../../contracts/unique-names';

const ALREADY_EXISTS = 6; // gRPC status code Firestore uses for create() on an existing doc

interface Claimable {
  id: string;
  claimPath: string;
  /** What the app compares (every letter lowered), to leave shared names alone. */
  sameNameKey: string;
}

async function claimAll(db: Firestore, items: Claimable[], ownerField: string): Promise<number> {
  const byName = new Map<string, number>();
  for (const item of items) byName.set(item.sameNameKey, (byName.get(item.sameNameKey) ?? 0) + 1);
  let claimed = 0;
  for (const item of items) {
    if (byName.get(item.sameNameKey)! > 1) continue;
    try {
      await db.doc(item.claimPath).create({ [ownerField]: item.id });
      claimed++;
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    }
  }
  return claimed;
}

/** Creates the missing claims; safe to run again (an existing claim is left as it is). */
export async function claimNames(db: Firestore): Promise<number> {
  const accounts = (await db.collection('accounts').get()).docs.map((d) => {
    const { name, currency } = d.data() as { name: string; currency: string };
    return { id: d.id, claimPath: accountNameClaimPath(currency, name), sameNameKey: `${currency}:${comparableName(name)}` };
  });
  const categories = (await db.collection('categories').get()).docs.map((d) => {
    const { name, parentId } = d.data() as { name: string; parentId?: string | null };
    return { id: d.id, claimPath: categoryNameClaimPath(parentId, name), sameNameKey: `${parentId || 'root'}:${comparableName(name)}` };
  });
  return (await claimAll(db, accounts, 'accountId')) + (await claimAll(db, categories, 'categoryId'));
}
