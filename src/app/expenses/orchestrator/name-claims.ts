import type { Firestore } from 'firebase/firestore';
import type { BatchWrite } from '../../core/persistence/batch-write';

/**
 * The claim writes that go in the batch of a new or renamed account or category
 * (contracts/unique-names.ts): the rules let the document in only with the claim on its name.
 */
export interface NameClaimPlan {
  /** `accountNames/USD:cash register` */
  readonly claimPath: string;
  /** `accountId` or `categoryId` */
  readonly ownerField: string;
  readonly ownerId: string;
  /** The claim path of every existing item by its id, as read before the batch. */
  readonly claimPathOf: ReadonlyMap<string, string>;
  /** The claim of the name it had before a rename (removed if it is this item's). */
  readonly previousClaimPath?: string;
}

/**
 * What to write for the claim: nothing when it is already this item's, a set when it is free or
 * left behind by a rename or deletion (the rules let a stale claim be taken), a delete of the old
 * name's claim. `null` when another item holds the name: the caller refuses with its message.
 */
export async function claimWrites(db: Firestore, plan: NameClaimPlan): Promise<BatchWrite[] | null> {
  const { doc, getDocFromServer } = await import('firebase/firestore');
  const [current, previous] = await Promise.all([
    getDocFromServer(doc(db, plan.claimPath)),
    plan.previousClaimPath && plan.previousClaimPath !== plan.claimPath ? getDocFromServer(doc(db, plan.previousClaimPath)) : null,
  ]);
  const writes: BatchWrite[] = [];
  const holder = current.exists() ? (current.get(plan.ownerField) as unknown) : undefined;
  if (holder !== plan.ownerId) {
    const live = typeof holder === 'string' && plan.claimPathOf.get(holder) === plan.claimPath;
    if (live) return null;
    writes.push({ kind: 'set', path: plan.claimPath, data: { [plan.ownerField]: plan.ownerId } });
  }
  if (previous?.exists() && previous.get(plan.ownerField) === plan.ownerId) writes.push({ kind: 'delete', path: previous.ref.path });
  return writes;
}

/** After a refused commit: true when the name's claim is now someone else's (a create at the same moment). */
export async function claimTakenMeanwhile(db: Firestore, claimPath: string, ownerField: string, ownerId: string): Promise<boolean> {
  const { doc, getDocFromServer } = await import('firebase/firestore');
  const claim = await getDocFromServer(doc(db, claimPath)).catch(() => null);
  return !!claim?.exists() && claim.get(ownerField) !== ownerId;
}
