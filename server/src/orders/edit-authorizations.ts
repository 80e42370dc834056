import { ORDER_ACTIONS } from '@maestro/contracts';
import { Timestamp, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { VoidIncrementResult } from './payments/payment-provider';
import { appendActivity, type Actor } from './activity';
import { COLLECTIONS } from './order-docs';
import type { SagaContext } from './saga/saga-context';

/**
 * `editAuthorizations/{editId}`: the extra amount an item edit has the card hold, from before
 * the authorization until the edit commits (`applied`) or is given up (`declined`, `voided`).
 * In Firestore with a lease like a saga: a node that finds one still `authorizing` after its
 * lease (its node crashed between the authorization and the commit) releases the hold.
 * API only (the rules deny it to clients).
 */
export interface EditAuthorizationDoc {
  orderId: string;
  status: 'authorizing' | 'applied' | 'declined' | 'voided';
  amountMinor: number;
  currency: string;
  actor: Actor;
  correlationId: string;
  owner: string;
  leaseUntil: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface EditAuthorization {
  editId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  correlationId: string;
}

export const editAuthorizationRef = (db: Firestore, editId: string) =>
  db.collection(COLLECTIONS.editAuthorizations).doc(editId);

const lease = (ctx: SagaContext, now = ctx.now()) => ({
  owner: ctx.instanceId,
  leaseUntil: Timestamp.fromMillis(now.getTime() + ctx.leaseMs),
  updatedAt: Timestamp.fromDate(now),
});

/** Written before the card is asked, so a crash right after leaves a record to undo. */
export async function startEditAuthorization(
  ctx: SagaContext,
  edit: EditAuthorization,
  actor: Actor,
): Promise<void> {
  const { editId, ...fields } = edit;
  const now = ctx.now();
  const doc: EditAuthorizationDoc = {
    ...fields,
    status: 'authorizing',
    actor,
    ...lease(ctx, now),
    createdAt: Timestamp.fromDate(now),
  };
  await editAuthorizationRef(ctx.db, editId).create(doc);
}

/** True when this node owns the record and it is still waiting for its edit. */
const ownedOpen = (ctx: SagaContext, doc: EditAuthorizationDoc | undefined) =>
  doc?.status === 'authorizing' && doc.owner === ctx.instanceId;

/** Before each attempt to release the hold: 'preempted' when another node owns it now. */
export function renewEditLease(ctx: SagaContext, editId: string): Promise<'ok' | 'preempted'> {
  return ctx.db.runTransaction(async (tx) => {
    const ref = editAuthorizationRef(ctx.db, editId);
    const doc = (await tx.get(ref)).data() as EditAuthorizationDoc | undefined;
    if (!ownedOpen(ctx, doc)) return 'preempted';
    tx.update(ref, lease(ctx));
    return 'ok';
  });
}

/**
 * Inside the edit's own transaction (read first with `tx.get`): the edit commits only if the
 * record is still this node's and still waiting; it then becomes `applied` with a history entry.
 */
export function applyEditAuthorization(
  ctx: SagaContext,
  tx: Transaction,
  edit: EditAuthorization,
  stored: EditAuthorizationDoc | undefined,
  change: { actor: Actor; heldBeforeMinor: number },
): boolean {
  if (!ownedOpen(ctx, stored)) return false;
  tx.update(editAuthorizationRef(ctx.db, edit.editId), {
    status: 'applied',
    updatedAt: Timestamp.fromDate(ctx.now()),
  });
  appendActivity(ctx.db, tx, {
    actor: change.actor,
    action: ORDER_ACTIONS.paymentReauthorized,
    orderId: edit.orderId,
    changes: {
      extraAuthorizationMinor: { from: null, to: edit.amountMinor },
      authorizedMinor: {
        from: change.heldBeforeMinor,
        to: change.heldBeforeMinor + edit.amountMinor,
      },
    },
    correlationId: edit.correlationId,
  });
  return true;
}

/** The card said no: the record ends `declined`, and the history says why in words. */
export function recordDeclined(
  ctx: SagaContext,
  edit: EditAuthorization,
  actor: Actor,
  message: string,
): Promise<void> {
  return settle(ctx, edit, 'declined', {
    actor,
    action: ORDER_ACTIONS.paymentReauthorizationDeclined,
    changes: {
      extraAuthorizationMinor: { from: null, to: edit.amountMinor },
      reason: { from: null, to: { code: 'payment_declined', message } },
    },
  });
}

/** The hold is released; a history entry only when there was one to release. */
export function recordVoided(
  ctx: SagaContext,
  edit: EditAuthorization,
  actor: Actor,
  result: VoidIncrementResult,
): Promise<void> {
  const entry =
    result === 'voided'
      ? {
          actor,
          action: ORDER_ACTIONS.paymentReauthorizationVoided,
          changes: { extraAuthorizationMinor: { from: edit.amountMinor, to: null } },
        }
      : null;
  return settle(ctx, edit, 'voided', entry);
}

async function settle(
  ctx: SagaContext,
  edit: EditAuthorization,
  status: 'declined' | 'voided',
  entry: {
    actor: Actor;
    action: string;
    changes: Record<string, { from: unknown; to: unknown }>;
  } | null,
): Promise<void> {
  await ctx.db.runTransaction(async (tx) => {
    const ref = editAuthorizationRef(ctx.db, edit.editId);
    const stored = (await tx.get(ref)).data() as EditAuthorizationDoc | undefined;
    if (!ownedOpen(ctx, stored)) return;
    tx.update(ref, { status, updatedAt: Timestamp.fromDate(ctx.now()) });
    if (entry) {
      appendActivity(ctx.db, tx, {
        ...entry,
        orderId: edit.orderId,
        correlationId: edit.correlationId,
      });
    }
  });
}

/** Records still `authorizing` whose owner let the lease run out, oldest first. */
export async function expiredEditAuthorizations(ctx: SagaContext, limit: number) {
  const found = await ctx.db
    .collection(COLLECTIONS.editAuthorizations)
    .where('status', '==', 'authorizing')
    .where('leaseUntil', '<=', Timestamp.fromDate(ctx.now()))
    .orderBy('leaseUntil')
    .limit(limit)
    .get();
  return found.docs.map((doc) => doc.id);
}

/** Takes over one such record (one node wins the transaction); null when someone else did. */
export function claimExpiredEdit(
  ctx: SagaContext,
  editId: string,
): Promise<EditAuthorization | null> {
  return ctx.db.runTransaction(async (tx) => {
    const ref = editAuthorizationRef(ctx.db, editId);
    const doc = (await tx.get(ref)).data() as EditAuthorizationDoc | undefined;
    const now = ctx.now();
    if (doc?.status !== 'authorizing' || doc.leaseUntil.toMillis() > now.getTime()) return null;
    tx.update(ref, lease(ctx, now));
    const { orderId, amountMinor, currency, correlationId } = doc;
    return { editId, orderId, amountMinor, currency, correlationId };
  });
}
