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
  /** The claim of the name it had before a rename (removed if it is this item's). */
  readonly previousClaimPath?: string;
}

/** Who holds the claims now (undefined: no claim), as read from the server. */
export interface ClaimHolders {
  readonly current: unknown;
  readonly previous: unknown;
}

/** Reads both claims at once; start it beside the other reads, it is a round trip of its own. */
export async function readClaimHolders(db: Firestore, plan: NameClaimPlan): Promise<ClaimHolders> {
  const { doc, getDocFromServer } = await import('firebase/firestore');
  const holder = async (path: string | undefined) => (path ? (await getDocFromServer(doc(db, path))).get(plan.ownerField) : undefined);
  const previousPath = plan.previousClaimPath !== plan.claimPath ? plan.previousClaimPath : undefined;
  const [current, previous] = await Promise.all([holder(plan.claimPath), holder(previousPath)]);
  return { current, previous };
}

/**
 * What to write for the claim: nothing when it is already this item's, a set when it is free or
 * left behind by a rename or deletion (the rules let a stale claim be taken), a delete of the old
 * name's claim if it is this item's. `null` when another item holds the name now: the caller
 * refuses with its message. `claimPathOf` gives the claim path of every other item's name.
 */
export function claimWrites(plan: NameClaimPlan, holders: ClaimHolders, claimPathOf: ReadonlyMap<string, string>): BatchWrite[] | null {
  const writes: BatchWrite[] = [];
  if (holders.current !== plan.ownerId) {
    const live = typeof holders.current === 'string' && claimPathOf.get(holders.current) === plan.claimPath;
    if (live) return null;
    writes.push({ kind: 'set', path: plan.claimPath, data: { [plan.ownerField]: plan.ownerId } });
  }
  if (plan.previousClaimPath && holders.previous === plan.ownerId) writes.push({ kind: 'delete', path: plan.previousClaimPath });
  return writes;
}

/** After a refused commit: true when the name's claim is now someone else's (a create at the same moment). */
export async function claimTakenMeanwhile(db: Firestore, claimPath: string, ownerField: string, ownerId: string): Promise<boolean> {
  const { doc, getDocFromServer } = await import('firebase/firestore');
  const claim = await getDocFromServer(doc(db, claimPath)).catch(() => null);
  return !!claim?.exists() && claim.get(ownerField) !== ownerId;
}
