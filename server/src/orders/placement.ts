import { randomUUID } from 'node:crypto';
import {
  FULFILLMENT_STEPS,
  ORDER_ACTIONS,
  ORDER_TOTAL_MAX_MINOR,
  SAGA_ACTIONS,
  creationChanges,
  type FulfillmentStep,
  type MenuItem,
  type Order,
  type ServiceCharge,
} from '@maestro/contracts';
import {
  Timestamp,
  type DocumentReference,
  type DocumentSnapshot,
  type Transaction,
} from 'firebase-admin/firestore';
import { appendActivity, type Actor } from './activity';
import { embedItems } from './embedded-items';
import {
  IDEMPOTENCY_TTL_MS,
  idempotencyRef,
  requestHash,
  type IdempotencyDoc,
} from './idempotency';
import type { StockLines } from './inventory/stock-docs';
import {
  comparableFields,
  itemsRef,
  menuItemRef,
  orderRef,
  pricedLine,
  toMenuItem,
  totalsOf,
  toOrder,
  toOrderItem,
  type OrderDoc,
  type OrderItemDoc,
} from './order-docs';
import { orderError, orderTooLarge } from './order-errors';
import { getOrder } from './repository';
import { serviceChargeRef, toServiceCharge } from '../menu/menu-docs';
import type { FaultPlan } from './saga/faults';
import type { FulfillmentSaga, SagaOutcome } from './saga/fulfillment-saga';
import type { SagaContext } from './saga/saga-context';
import { pendingStep, sagaRef, type SagaDoc } from './saga/saga-doc';
import type { CreateOrderBody } from './schemas';

export type Placement =
  | { kind: 'placed'; orderId: string; outcome: SagaOutcome }
  /** An earlier request with the same Idempotency-Key made this order (null: since deleted). */
  | {
      kind: 'replayed';
      orderId: string;
      order: Order | null;
      /** True while the saga still runs or undoes its steps: the outcome is not final yet. */
      settling: boolean;
    };

/**
 * POST /api/orders. One transaction checks the menu (the saga's first step) and writes the
 * PENDING order, its items, the saga record, the idempotency key and the activity entries;
 * then the saga runs the remaining steps.
 */
export async function placeOrder(
  ctx: SagaContext,
  saga: FulfillmentSaga,
  request: { actor: Actor; body: CreateOrderBody; idempotencyKey?: string; faults?: FaultPlan },
): Promise<Placement> {
  const { db } = ctx;
  const { actor, body } = request;
  const orderId = db.collection('orders').doc().id;
  const correlationId = randomUUID();
  const key = request.idempotencyKey;
  const keyRef = key === undefined ? undefined : idempotencyRef(db, actor.uid, key);
  const hash = requestHash(body);

  type Created = { replayOf: string } | { order: Order; sagaDoc: SagaDoc };
  const created = await db.runTransaction(async (tx): Promise<Created> => {
    const now = ctx.now();
    // The key and the menu in one round trip.
    const { keySnapshot, menu, serviceCharge } = await readKeyAndMenu(
      ctx,
      tx,
      keyRef,
      body.items.map((line) => line.menuItemId),
    );
    if (keySnapshot) {
      const existing = keySnapshot.data() as (IdempotencyDoc & { expiresAt: Timestamp }) | undefined;
      if (existing && existing.expiresAt.toMillis() > now.getTime()) {
        if (existing.requestHash !== hash) {
          throw orderError(
            'idempotency_key_reused',
            'This Idempotency-Key was already used for a different order. Use a new key for a new order.',
            { context: { orderId: existing.orderId } },
          );
        }
        return { replayOf: existing.orderId };
      }
    }
    checkMenu(body, menu);

    const at = Timestamp.fromDate(now);
    const itemDocs: [string, OrderItemDoc][] = body.items.map((line, position) => [
      randomUUID(),
      {
        menuItemId: line.menuItemId,
        quantity: line.quantity,
        notes: line.notes,
        ...pricedLine(menu.get(line.menuItemId)!, line.quantity),
        position,
      },
    ]);
    // The service rate is the one of this order's type now; later changes leave the order alone.
    const serviceRateBasisPoints = serviceCharge.serviceRateBasisPoints[body.type];
    const totals = totalsOf(
      itemDocs.map(([, item]) => item),
      serviceRateBasisPoints,
    );
    const currency = menu.get(body.items[0]!.menuItemId)!.currency;
    if (totals.totalMinor > ORDER_TOTAL_MAX_MINOR) throw orderTooLarge(null, totals.totalMinor, currency);
    const doc: OrderDoc = {
      type: body.type,
      table: body.type === 'dine-in' ? body.table : null,
      address: body.type === 'delivery' ? withoutUndefined(body.address) : null,
      customerName: body.customerName,
      notes: body.notes,
      status: 'PENDING',
      currency,
      ...totals,
      serviceRateBasisPoints,
      itemCount: itemDocs.length,
      nextPosition: itemDocs.length,
      version: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: actor.uid,
      updatedBy: actor.uid,
      failure: null,
      correlationId,
      // The payment step authorizes this total; the order is editable only once it has.
      authorizedMinor: totals.totalMinor,
      items: embedItems(itemDocs),
    };
    const sagaDoc = initialSaga(ctx, orderId, doc, actor, now, stockLines(body));

    tx.create(orderRef(db, orderId), doc);
    for (const [itemId, item] of itemDocs) tx.create(itemsRef(db, orderId).doc(itemId), item);
    tx.create(sagaRef(db, orderId), sagaDoc);
    if (keyRef) {
      const record: IdempotencyDoc = { uid: actor.uid, requestHash: hash, orderId };
      tx.set(keyRef, {
        ...record,
        createdAt: at,
        expiresAt: Timestamp.fromMillis(now.getTime() + IDEMPOTENCY_TTL_MS),
      });
    }
    appendActivity(db, tx, {
      actor,
      action: ORDER_ACTIONS.created,
      orderId,
      changes: creationChanges({ ...comparableFields(doc), items: body.items }),
      correlationId,
    });
    appendActivity(db, tx, {
      actor,
      action: SAGA_ACTIONS.menu.done,
      orderId,
      changes: { 'steps.menu.status': { from: 'pending', to: 'done' } },
      correlationId,
    });
    const order = toOrder(
      orderId,
      doc,
      itemDocs.map(([itemId, item]) => toOrderItem(itemId, item)),
    );
    return { order, sagaDoc };
  });

  if ('replayOf' in created) {
    const [order, sagaSnap] = await Promise.all([
      getOrder(db, created.replayOf),
      sagaRef(db, created.replayOf).get(),
    ]);
    const sagaStatus = (sagaSnap.data() as SagaDoc | undefined)?.status;
    return {
      kind: 'replayed',
      orderId: created.replayOf,
      order,
      settling: sagaStatus === 'running' || sagaStatus === 'compensating',
    };
  }
  ctx.events.created(created.order);
  return { kind: 'placed', orderId, outcome: await saga.run(created.sagaDoc, request.faults) };
}

async function readKeyAndMenu(
  ctx: SagaContext,
  tx: Transaction,
  keyRef: DocumentReference | undefined,
  ids: string[],
): Promise<{
  keySnapshot: DocumentSnapshot | undefined;
  menu: Map<string, MenuItem | null>;
  serviceCharge: ServiceCharge;
}> {
  const unique = [...new Set(ids)];
  const menuRefs = unique.map((id) => menuItemRef(ctx.db, id));
  const [settings, ...snapshots] = await tx.getAll(
    serviceChargeRef(ctx.db),
    ...(keyRef ? [keyRef, ...menuRefs] : menuRefs),
  );
  const dishes = keyRef ? snapshots.slice(1) : snapshots;
  return {
    keySnapshot: keyRef ? snapshots[0] : undefined,
    menu: new Map(unique.map((id, i) => [id, toMenuItem(id, dishes[i]!.data())])),
    serviceCharge: toServiceCharge(settings!.data()),
  };
}

/** The saga's first step: every dish exists, is on, and all share one currency. */
function checkMenu(body: CreateOrderBody, menu: Map<string, MenuItem | null>): void {
  const problems = (test: (item: MenuItem | null) => boolean, message: (id: string) => string) =>
    body.items.flatMap((line, i) =>
      test(menu.get(line.menuItemId) ?? null)
        ? [{ path: `items.${i}.menuItemId`, message: message(line.menuItemId) }]
        : [],
    );
  // An archived dish is off the menu for good: to an order it is as if it did not exist.
  const missing = problems(
    (item) => item === null || item.archived,
    (id) => `there is no menu item ${id}`,
  );
  if (missing.length) {
    throw orderError(
      'menu_item_not_found',
      `${missing.map((m) => m.message).join('; ')}. Reload the menu and order again.`,
      { details: missing },
    );
  }
  const off = problems(
    (item) => item?.available === false,
    (id) => `${id} is not available`,
  );
  if (off.length) {
    throw orderError(
      'menu_item_unavailable',
      `${off.map((m) => m.message).join('; ')} right now. Remove it and order again.`,
      { details: off },
    );
  }
  const currencies = new Set([...menu.values()].map((item) => item!.currency));
  if (currencies.size > 1) {
    throw orderError(
      'currency_mismatch',
      `These dishes are priced in different currencies (${[...currencies].join(', ')}); one order takes one currency.`,
    );
  }
}

function initialSaga(
  ctx: SagaContext,
  orderId: string,
  order: OrderDoc,
  actor: Actor,
  now: Date,
  lines: StockLines,
): SagaDoc {
  const at = Timestamp.fromDate(now);
  const stepOrder = FULFILLMENT_STEPS.filter(
    (step) => step !== 'delivery' || order.type === 'delivery',
  );
  // The first step after the menu check starts with the order: recorded running in the same
  // transaction, so the saga needs no write of its own before calling it.
  const first = stepOrder.find((step) => step !== 'menu');
  const steps = Object.fromEntries(
    FULFILLMENT_STEPS.map((step) => [
      step,
      step === 'menu'
        ? { ...pendingStep(), status: 'done', startedAt: at, finishedAt: at, durationMs: 0 }
        : step === first
          ? { ...pendingStep(), status: 'running', startedAt: at }
          : { ...pendingStep(), status: stepOrder.includes(step) ? 'pending' : 'skipped' },
    ]),
  ) as SagaDoc['steps'];
  return {
    orderId,
    correlationId: order.correlationId,
    status: 'running',
    outcome: null,
    stepOrder: stepOrder as FulfillmentStep[],
    steps,
    input: {
      type: order.type,
      amountMinor: order.totalMinor,
      currency: order.currency,
      address: order.address,
      lines,
    },
    failure: null,
    actor,
    owner: ctx.instanceId,
    leaseUntil: Timestamp.fromMillis(now.getTime() + ctx.leaseMs),
    createdAt: at,
    updatedAt: at,
  };
}

/** Units per dish: two lines of the same dish reserve their sum. */
function stockLines(body: CreateOrderBody): StockLines {
  const lines: StockLines = {};
  for (const line of body.items)
    lines[line.menuItemId] = (lines[line.menuItemId] ?? 0) + line.quantity;
  return lines;
}

/** Firestore refuses `undefined` fields; an optional field left out is simply absent. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
