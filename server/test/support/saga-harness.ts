// The fulfillment saga on its own against the Firestore emulator, without the HTTP API: a saga
// document and its order written as placement writes them, step handlers scripted per test (the
// providers are the saga's ports; the providers' own tests are elsewhere), and what the saga told
// the board, the metrics and the log recorded. In a project of its own per process, deleted at
// the end, so the recovery sweep's query sees only these sagas.
import { randomUUID } from 'node:crypto';
import type { FulfillmentStep, OrderStatus } from '@maestro/contracts';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { createFirebase, type FirebaseServices } from '../../src/firebase';
import { createLogger } from '../../src/logger';
import type { SagaStepOutcome } from '../../src/metrics/metrics';
import type { OrderEvents } from '../../src/orders/order-events';
import type { OrderDoc, OrderItemDoc } from '../../src/orders/order-docs';
import { FulfillmentSaga } from '../../src/orders/saga/fulfillment-saga';
import type { SagaContext } from '../../src/orders/saga/saga-context';
import { pendingStep, type SagaDoc, type StepStatus } from '../../src/orders/saga/saga-doc';
import type { StatusChange } from '../../src/orders/saga/saga-store';
import type { ForwardStep, StepHandler } from '../../src/orders/saga/step-handlers';

export const ME = 'node-a';
export const SALES_TIME_ZONE = 'Pacific/Kiritimati';
export const OTHER_NODE = 'node-b';
export const STAFF = { uid: 'staff-1', email: 'staff@maestro.test' };

let firebase: FirebaseServices | undefined;
const projectId = `demo-maestro-saga-wiring-${process.pid}`;

export function sagaDb(): Firestore {
  firebase ??= createFirebase(projectId);
  return firebase.firestore;
}

/** Deletes everything this process wrote and closes the client. */
export async function closeSagaDb(): Promise<void> {
  const host = process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080';
  await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, { method: 'DELETE' });
  await firebase?.close();
  firebase = undefined;
}

/** Thrown where a test-mode crash would end the process. */
export class Crashed extends Error {}

/** What a test scripts for a step: its work and its undo (both may throw, or take the saga over). */
export type Script = Partial<Record<ForwardStep, { run?: (orderId: string) => Promise<void>; undo?: (orderId: string, attempt: number) => Promise<string | void> }>>;

export interface Harness {
  saga: FulfillmentSaga;
  ctx: SagaContext;
  /** Every handler call in order: `payment`, `payment-undo`… */
  calls: string[];
  told: StatusChange[];
  /** Orders the board was told are deleted, with their last version. */
  deleted: [string, number][];
  metrics: [string, SagaStepOutcome][];
  crashes: string[];
  logs: Record<string, unknown>[];
}

export function harness(
  script: Script = {},
  options: {
    stepTimeoutMs?: number;
    onMetric?: (step: string, outcome: SagaStepOutcome) => unknown;
    /** Metrics are optional (SagaContext.metrics): a saga without them runs the same. */
    withoutMetrics?: boolean;
  } = {},
): Harness {
  const h = { calls: [], told: [], deleted: [], metrics: [], crashes: [], logs: [] } as Omit<Harness, 'saga' | 'ctx'>;
  const attempts = new Map<string, number>();
  const handler = (step: ForwardStep): StepHandler => ({
    service: `The ${step} service`,
    run: async (orderId) => {
      h.calls.push(step);
      await script[step]?.run?.(orderId);
    },
    compensate: async (orderId) => {
      h.calls.push(`${step}-undo`);
      const attempt = (attempts.get(`${orderId}/${step}`) ?? 0) + 1;
      attempts.set(`${orderId}/${step}`, attempt);
      return (await script[step]?.undo?.(orderId, attempt)) ?? `${step} undone`;
    },
  });
  // A runaway undo (retrying forever, or with ever longer pauses) would hang its test: at a 4th
  // attempt (an undo gets 3) another node takes the saga over, which ends the undo loop, and the
  // test fails on what it counts instead.
  const undoAttempts = new Map<string, number>();
  const record = (line: Record<string, unknown>) => {
    h.logs.push(line);
    if (line['msg'] !== 'compensation attempt') return;
    const key = `${String(line['orderId'])}/${String(line['step'])}`;
    undoAttempts.set(key, (undoAttempts.get(key) ?? 0) + 1);
    if (undoAttempts.get(key) === 4) void takeOver(String(line['orderId']));
  };
  const ctx: SagaContext = {
    db: sagaDb(),
    logger: createLogger('debug', { write: (line: string) => record(JSON.parse(line) as Record<string, unknown>) }),
    events: {
      statusChanged: (change: StatusChange) => void h.told.push(change),
      deleted: (orderId: string, version: number) => void h.deleted.push([orderId, version]),
    } as unknown as OrderEvents,
    instanceId: ME,
    now: () => new Date(),
    // Fourteen hours ahead of UTC: an order's sales day differs from its UTC day after 10:00 UTC.
    salesTimeZone: SALES_TIME_ZONE,
    stepTimeoutMs: options.stepTimeoutMs ?? 5_000,
    leaseMs: 30_000,
    metrics: options.withoutMetrics
      ? undefined
      : {
          sagaStep: (step, outcome) => {
            h.metrics.push([step, outcome]);
            void options.onMetric?.(step, outcome);
          },
        },
  };
  // Here a crash throws instead of ending the process; what the saga does after it is moot.
  const crash = (point: string): never => {
    h.crashes.push(point);
    throw new Crashed(point);
  };
  return { ...h, ctx, saga: new FulfillmentSaga(ctx, { payment: handler('payment'), inventory: handler('inventory'), delivery: handler('delivery') }, crash) };
}

/** The order's one line (in its items subcollection, as orders from before embedded items). */
const SOUP: OrderItemDoc = {
  menuItemId: 'soup',
  quantity: 2,
  notes: '',
  unitPriceMinor: 500,
  lineTotalMinor: 1_000,
  position: 0,
  menuItem: { id: 'soup', name: 'Soup', category: 'Starters', station: 'cold', priceMinor: 500, currency: 'EUR' } as OrderItemDoc['menuItem'],
};

/** The lines left in the order's items subcollection. */
export const linesOf = async (orderId: string) =>
  (await sagaDb().collection('orders').doc(orderId).collection('items').get()).docs.map((line) => line.id);

/**
 * An order being placed and its saga, as placement writes them: menu checked, the first
 * forward step running (or pending, as an older node left it), owned by this instance.
 */
export async function placed(
  options: {
    delivery?: boolean;
    steps?: Partial<Record<FulfillmentStep, StepStatus>>;
    status?: SagaDoc['status'];
    owner?: string;
    createdAt?: Date;
    leaseUntil?: Date;
  } = {},
): Promise<SagaDoc> {
  const db = sagaDb();
  const orderId = randomUUID();
  const now = options.createdAt ? Timestamp.fromDate(options.createdAt) : Timestamp.now();
  const stepOrder: FulfillmentStep[] = options.delivery ? ['menu', 'payment', 'inventory', 'delivery'] : ['menu', 'payment', 'inventory'];
  const statusOf = (step: FulfillmentStep): StepStatus =>
    options.steps?.[step] ?? (step === 'menu' ? 'done' : step === 'payment' ? 'running' : stepOrder.includes(step) ? 'pending' : 'skipped');
  const order: OrderDoc = {
    type: options.delivery ? 'delivery' : 'takeaway',
    table: null,
    address: options.delivery ? { street: '1 Main St', city: 'Springfield', postalCode: '12345' } : null,
    customerName: 'Wiring',
    notes: '',
    status: 'PENDING',
    currency: 'EUR',
    subtotalMinor: 1_000,
    totalMinor: 1_000,
    itemCount: 1,
    nextPosition: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: STAFF.uid,
    updatedBy: STAFF.uid,
    failure: null,
    correlationId: `corr-${orderId}`,
  };
  const saga: SagaDoc = {
    orderId,
    correlationId: order.correlationId,
    status: options.status ?? 'running',
    outcome: null,
    stepOrder,
    steps: Object.fromEntries(
      (['menu', 'payment', 'inventory', 'delivery'] as const).map((step) => [step, { ...pendingStep(), status: statusOf(step) }]),
    ) as SagaDoc['steps'],
    input: { type: order.type, amountMinor: 1_000, currency: 'EUR', address: order.address, lines: {} as SagaDoc['input']['lines'] },
    failure: null,
    actor: STAFF,
    owner: options.owner ?? ME,
    leaseUntil: Timestamp.fromDate(options.leaseUntil ?? new Date(Date.now() + 30_000)),
    createdAt: now,
    updatedAt: now,
  };
  await db.collection('orders').doc(orderId).set(order);
  await db.collection('orders').doc(orderId).collection('items').doc('line-1').set(SOUP);
  await db.collection('sagas').doc(orderId).set(saga);
  return saga;
}

export const sagaOf = async (orderId: string) => (await sagaDb().collection('sagas').doc(orderId).get()).data() as SagaDoc;
export const orderOf = async (orderId: string) => (await sagaDb().collection('orders').doc(orderId).get()).data() as OrderDoc | undefined;

/** Another API instance takes the saga over (this one's lease ran out). */
export async function takeOver(orderId: string): Promise<void> {
  await sagaDb().collection('sagas').doc(orderId).update({ owner: OTHER_NODE });
}

/** Staff move the order (a cancellation, here straight in Firestore). */
export async function setOrderStatus(orderId: string, status: OrderStatus): Promise<void> {
  await sagaDb().collection('orders').doc(orderId).update({ status });
}

/** A day's sales totals (salesDays/EUR_{date}), as the reports read them. */
export const salesTotalsOf = async (date: string) =>
  (await sagaDb().collection('salesDays').doc(`EUR_${date}`).get()).data()?.['totals'] as Record<string, number> | undefined;

/** The order's history: action and actor of each entry, oldest first. */
export async function historyOf(orderId: string): Promise<{ action: string; actor: string; changes: Record<string, unknown> }[]> {
  const entries = await sagaDb().collection('activity').where('subject.id', '==', orderId).get();
  return entries.docs
    .map((entry) => entry.data())
    .sort((a, b) => a['at'].toMillis() - b['at'].toMillis())
    .map((entry) => ({ action: entry['action'], actor: entry['actorUid'], changes: entry['changes'] }));
}
