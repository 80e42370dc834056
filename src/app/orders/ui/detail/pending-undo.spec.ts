import type { OrderHistoryEntry } from '@maestro/contracts';
import { undoPending } from './pending-undo';

const log = (...actions: string[]): Pick<OrderHistoryEntry, 'action'>[] => actions.map((action) => ({ action }));

describe('undoPending (saga undo entries still to come)', () => {
  const placed = ['ORDER_CREATED', 'ORDER_MENU_CHECKED', 'ORDER_PAYMENT_AUTHORIZED', 'ORDER_INVENTORY_RESERVED', 'ORDER_STATUS_CHANGED'];

  it('waits after a cancel until each step done has its undo', () => {
    expect(undoPending('CANCELLED', log(...placed, 'ORDER_STATUS_CHANGED'))).toBeTrue();
    expect(undoPending('CANCELLED', log(...placed, 'ORDER_STATUS_CHANGED', 'ORDER_INVENTORY_RESTORED'))).toBeTrue();
    expect(undoPending('CANCELLED', log(...placed, 'ORDER_STATUS_CHANGED', 'ORDER_INVENTORY_RESTORED', 'ORDER_PAYMENT_REFUNDED'))).toBeFalse();
  });

  it('counts the courier of a delivery too', () => {
    const delivery = [...placed, 'ORDER_DELIVERY_SCHEDULED', 'ORDER_STATUS_CHANGED', 'ORDER_INVENTORY_RESTORED', 'ORDER_PAYMENT_REFUNDED'];
    expect(undoPending('CANCELLED', log(...delivery))).toBeTrue();
    expect(undoPending('CANCELLED', log(...delivery, 'ORDER_DELIVERY_CANCELLED'))).toBeFalse();
  });

  it('does not wait for an order still in play, nor for steps never done (a failed payment)', () => {
    expect(undoPending('PREPARING', log(...placed))).toBeFalse();
    expect(undoPending('FAILED', log('ORDER_CREATED', 'ORDER_MENU_CHECKED', 'ORDER_PAYMENT_FAILED', 'ORDER_STATUS_CHANGED'))).toBeFalse();
  });
});
