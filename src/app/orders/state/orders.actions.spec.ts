import { ORDER_EVENT_NAMES, type OrderEventPayloads } from '@maestro/contracts';
import { orderFixture, orderItemFixture } from './order-fixtures';
import { OrdersRealtimeActions, realtimeAction } from './orders.actions';

const order = orderFixture();
const item = orderItemFixture();
const PAYLOADS: OrderEventPayloads = {
  'order:created': { order, version: 1 },
  'order:updated': { order, changedFields: ['notes'], version: 2 },
  'order:status-changed': {
    orderId: order.id,
    previousStatus: 'CONFIRMED',
    newStatus: 'PREPARING',
    updatedAt: order.updatedAt,
    version: 3,
    failure: null,
  },
  'order:deleted': { orderId: order.id, version: 4 },
  'order-item:added': { orderId: order.id, item, version: 5 },
  'order-item:updated': { orderId: order.id, item, version: 6 },
  'order-item:removed': { orderId: order.id, itemId: item.id, version: 7 },
};

describe('realtimeAction', () => {
  it('turns a socket event into its own action, payload unchanged', () => {
    expect(realtimeAction('order:deleted', PAYLOADS['order:deleted'])).toEqual(
      OrdersRealtimeActions.orderDeleted(PAYLOADS['order:deleted']),
    );
    expect(realtimeAction('order-item:added', PAYLOADS['order-item:added'])).toEqual(
      OrdersRealtimeActions.orderItemAdded(PAYLOADS['order-item:added']),
    );
  });

  it('gives each of the seven events its own action type and carries every payload field', () => {
    const actions = ORDER_EVENT_NAMES.map((name) => realtimeAction(name, PAYLOADS[name]));
    expect(new Set(actions.map((action) => action.type)).size).toBe(ORDER_EVENT_NAMES.length);
    actions.forEach((action, index) => {
      const { type: _type, ...payload } = action;
      expect(payload)
        .withContext(ORDER_EVENT_NAMES[index]!)
        .toEqual(PAYLOADS[ORDER_EVENT_NAMES[index]!]);
    });
  });
});
