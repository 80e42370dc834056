import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  type MenuItemListResponse,
  type Order,
  type OrderItemResponse,
} from '@maestro/contracts';
import { Router, type Request, type Response } from 'express';
import { currentUser } from '../auth/authenticated-user';
import { ApiError } from '../http/api-error';
import { parseOrThrow } from '../http/validate';
import type { Actor } from './activity';
import { orderHistory } from './history';
import type { KeyedLock } from './inventory/keyed-lock';
import { itemNotFound, orderError, orderNotFound } from './order-errors';
import { addItem, removeItem, updateItem } from './item-writes';
import { changeStatus, updateOrderDetails } from './order-writes';
import type { PaidEditDeps } from './paid-edits';
import type { PaymentProvider } from './payments/payment-provider';
import { placeOrder, type Placement } from './placement';
import { PlacementQueueFull, type PlacementQueue } from './placement-queue';
import { getOrder, listMenu, listOrders } from './repository';
import { serviceChargeRef, toServiceCharge } from '../menu/menu-docs';
import { cancelOrder, deleteOrder } from './saga/cancellation';
import { FAULTS_HEADER, parseFaultPlan } from './saga/faults';
import type { FulfillmentSaga } from './saga/fulfillment-saga';
import type { SagaContext } from './saga/saga-context';
import {
  DOC_ID,
  createOrderBody,
  idempotencyKey,
  listQuery,
  orderItemBody,
  updateItemBody,
  updateOrderBody,
  updateStatusBody,
} from './schemas';

/** `/api/orders`: every write answers after it committed, then tells both rooms once. */
export function ordersRouter(deps: {
  ctx: SagaContext;
  saga: FulfillmentSaga;
  stockLock: KeyedLock;
  payments: PaymentProvider;
  faultInjection: boolean;
  /** Orders this node places at once (the rest wait): see placement-queue.ts. */
  placements: PlacementQueue;
}): Router {
  const { ctx, saga, stockLock } = deps;
  const { db, events } = ctx;
  const router = Router();
  const faultsOf = (req: Request) =>
    deps.faultInjection ? parseFaultPlan(req.get(FAULTS_HEADER)) : {};
  /** An item edit that raises the total has the difference authorized on the card first. */
  const editDeps = (req: Request): PaidEditDeps => ({
    ctx,
    lock: stockLock,
    payments: deps.payments,
    faults: faultsOf(req),
  });

  router.get('/', async (req, res) => {
    res.json(await listOrders(db, parseOrThrow(listQuery, req.query, 'query')));
  });

  router.post('/', async (req, res) => {
    const actor = actorOf(req);
    const key = req.get(IDEMPOTENCY_KEY_HEADER);
    // Required: a client that retries after a timeout without one would place the order twice.
    if (key === undefined || key.trim() === '') {
      throw new ApiError(
        400,
        'idempotency_key_required',
        `Send an ${IDEMPOTENCY_KEY_HEADER} header (a new random id per order, e.g. a UUID, kept across retries of that order), so a retry never places it twice.`,
      );
    }
    const body = parseOrThrow(createOrderBody, req.body, 'order');
    const placing = () =>
      placeOrder(ctx, saga, {
        actor,
        body,
        idempotencyKey: parseOrThrow(idempotencyKey, key, `${IDEMPOTENCY_KEY_HEADER} header`),
        faults: faultsOf(req),
      });
    const placement = await deps.placements.run(placing).catch((error: unknown) => {
      if (error instanceof PlacementQueueFull) res.set('Retry-After', '5');
      throw error;
    });
    sendPlacement(res, placement);
  });

  router.get('/:id', async (req, res) => {
    const order = await getOrder(db, orderId(req));
    if (!order) throw orderNotFound(orderId(req));
    res.json(order);
  });

  // The order's activity log, for staff too (Firestore lets them read only their own entries).
  router.get('/:id/history', async (req, res) => {
    const history = await orderHistory(db, orderId(req));
    if (!history) throw orderNotFound(orderId(req));
    res.json(history);
  });

  router.put('/:id', async (req, res) => {
    const patch = parseOrThrow(updateOrderBody, req.body, 'order update');
    const { order, changedFields } = await updateOrderDetails(
      db,
      orderId(req),
      patch,
      actorOf(req),
      ctx.now(),
    );
    if (changedFields.length) events.updated(order, changedFields);
    res.json(order);
  });

  router.patch('/:id/status', async (req, res) => {
    const { status } = parseOrThrow(updateStatusBody, req.body, 'status change');
    if (status === 'CANCELLED') {
      res.json(await cancelOrder(ctx, saga, orderId(req), actorOf(req)));
      return;
    }
    const { order, change } = await changeStatus(
      db,
      orderId(req),
      status,
      actorOf(req),
      ctx.now(),
      ctx.salesTimeZone,
    );
    events.statusChanged(change);
    res.json(order);
  });

  router.delete('/:id', async (req, res) => {
    const actor = { ...actorOf(req), admin: currentUser(req).role === 'admin' };
    res.json(await deleteOrder(ctx, saga, orderId(req), actor));
  });

  router.post('/:id/items', async (req, res) => {
    const id = orderId(req);
    const line = parseOrThrow(orderItemBody, req.body, 'item');
    const { item, version } = await addItem(editDeps(req), id, line, actorOf(req), ctx.now());
    events.itemAdded(id, item, version);
    const body: OrderItemResponse = { orderId: id, item, version };
    res.status(201).json(body);
  });

  router.put('/:id/items/:itemId', async (req, res) => {
    const id = orderId(req);
    const patch = parseOrThrow(updateItemBody, req.body, 'item update');
    const itemId = itemIdOf(req);
    const { item, version, changed } = await updateItem(
      editDeps(req),
      id,
      itemId,
      patch,
      actorOf(req),
      ctx.now(),
    );
    if (changed) events.itemUpdated(id, item, version);
    const body: OrderItemResponse = { orderId: id, item, version };
    res.json(body);
  });

  router.delete('/:id/items/:itemId', async (req, res) => {
    const id = orderId(req);
    const itemId = itemIdOf(req);
    const { version } = await removeItem(
      { ctx, lock: stockLock },
      id,
      itemId,
      actorOf(req),
      ctx.now(),
    );
    events.itemRemoved(id, itemId, version);
    res.json({ orderId: id, itemId, version });
  });

  return router;
}

/** `/api/menu-items`. */
export function menuItemsRouter(ctx: Pick<SagaContext, 'db'>): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [menu, settings] = await Promise.all([listMenu(ctx.db), serviceChargeRef(ctx.db).get()]);
    const body: MenuItemListResponse = { ...menu, serviceCharge: toServiceCharge(settings.data()) };
    res.json(body);
  });
  return router;
}

function sendPlacement(res: Response, placement: Placement): void {
  const { orderId } = placement;
  if (placement.kind === 'replayed') {
    res.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
    const order = placement.order;
    if (!order) throw orderNotFound(orderId);
    // A FAILED order whose saga is still undoing its steps is not settled: the failure message
    // promises that nothing stays charged, so it is replayed only once that is true.
    if (order.status === 'PENDING' || (order.status === 'FAILED' && placement.settling)) {
      res.set('Retry-After', '1');
      throw orderError(
        'request_in_progress',
        order.status === 'PENDING'
          ? 'The first request with this Idempotency-Key is still placing the order; retry in a moment.'
          : 'The order failed and what it had charged or reserved is still being undone; retry in a moment.',
        {
          context: { orderId, currentStatus: order.status },
        },
      );
    }
    if (order.status === 'FAILED' && order.failure) throw failed(orderId, order.failure);
    return created(res, order);
  }
  const { outcome } = placement;
  switch (outcome.kind) {
    case 'confirmed':
      return created(res, outcome.order);
    case 'failed':
      throw failed(orderId, outcome.failure);
    case 'cancelled':
      throw orderError(
        'order_cancelled',
        'The order was cancelled while it was being placed; nothing stays charged or reserved.',
        {
          context: { orderId, currentStatus: 'CANCELLED' },
        },
      );
    case 'preempted':
      throw orderError(
        'interrupted',
        'Another API instance took over placing this order; check its status in a moment.',
        {
          context: { orderId },
        },
      );
  }
}

function created(res: Response, order: Order): void {
  res.status(201).location(`/api/orders/${order.id}`).json(order);
}

function failed(orderId: string, failure: NonNullable<Order['failure']>) {
  return orderError(failure.code, failure.message, {
    context: { orderId, currentStatus: 'FAILED' },
  });
}

const actorOf = (req: Request): Actor => {
  const user = currentUser(req);
  return { uid: user.uid, email: user.email };
};

// An id that cannot be a Firestore document id names nothing: 404, never a Firestore error.
function orderId(req: Request): string {
  const id = param(req, 'id');
  if (!DOC_ID.test(id)) throw orderNotFound(id.slice(0, 128));
  return id;
}

function itemIdOf(req: Request): string {
  const itemId = param(req, 'itemId');
  if (!DOC_ID.test(itemId)) throw itemNotFound(orderId(req), itemId.slice(0, 128));
  return itemId;
}

function param(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}
