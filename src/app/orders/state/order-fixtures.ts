// Valid orders for specs: totals follow the items, and the fulfillment follows `type`.
import {
  orderTotals,
  type DeliveryAddress,
  type KitchenStation,
  type Order,
  type OrderFulfillment,
  type OrderItem,
  type OrderType,
} from '@maestro/contracts';

export interface OrderItemFixtureOverrides extends Partial<Omit<OrderItem, 'menuItem'>> {
  name?: string;
  station?: KitchenStation;
  category?: string;
}

/** One line: a burger from the grill unless told otherwise; the line total follows. */
export function orderItemFixture(overrides: OrderItemFixtureOverrides = {}): OrderItem {
  const { name = 'Burger', station = 'grill', category = 'mains', ...line } = overrides;
  const menuItemId = line.menuItemId ?? name.toLowerCase().replace(/\W+/g, '-');
  const unitPriceMinor = line.unitPriceMinor ?? 1250;
  const quantity = line.quantity ?? 1;
  return {
    id: `item-${menuItemId}`,
    notes: '',
    lineTotalMinor: unitPriceMinor * quantity,
    taxMinor: 0,
    ...line,
    menuItemId,
    unitPriceMinor,
    quantity,
    menuItem: {
      id: menuItemId,
      name,
      category,
      station,
      priceMinor: unitPriceMinor,
      currency: 'USD',
      taxRateBasisPoints: 0,
      taxInclusive: false,
    },
  };
}

export const FIXTURE_ADDRESS: DeliveryAddress = {
  street: '1 Harbour Road',
  city: 'Springfield',
  postalCode: '12345',
};

export type OrderFixtureOverrides = Partial<Omit<Order, 'type' | 'table' | 'address'>> & {
  type?: OrderType;
  /** Dine-in only (and implies it when `type` is not given). */
  table?: string;
  address?: DeliveryAddress;
};

/** A CONFIRMED dine-in order at table 4 with one burger, version 1; subtotal and total follow the items. */
export function orderFixture(overrides: OrderFixtureOverrides = {}): Order {
  const { type = 'dine-in', table = '4', address = FIXTURE_ADDRESS, ...fields } = overrides;
  const id = fields.id ?? 'order-1';
  const items = fields.items ?? [orderItemFixture()];
  return {
    ...fulfillment(type, table, address),
    id,
    status: 'CONFIRMED',
    customerName: 'Ada Lovelace',
    notes: '',
    currency: 'USD',
    version: 1,
    createdAt: '2026-03-01T18:00:00.000Z',
    updatedAt: '2026-03-01T18:00:00.000Z',
    createdBy: 'staff-uid',
    failure: null,
    correlationId: `saga-${id}`,
    serviceRateBasisPoints: fields.serviceRateBasisPoints ?? 0,
    ...orderTotals(items, fields.serviceRateBasisPoints ?? 0),
    ...fields,
    items,
  };
}

function fulfillment(type: OrderType, table: string, address: DeliveryAddress): OrderFulfillment {
  switch (type) {
    case 'dine-in':
      return { type, table };
    case 'takeaway':
      return { type };
    case 'delivery':
      return { type, address };
  }
}
