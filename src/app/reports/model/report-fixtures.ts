import type { SalesFigures, SalesReport } from '@maestro/contracts';

// A small sales report as the API answers it, for specs.

export function figures(overrides: Partial<SalesFigures> = {}): SalesFigures {
  return { orders: 0, grossMinor: 0, taxMinor: 0, serviceMinor: 0, netMinor: 0, cancelledOrders: 0, cancelledMinor: 0, failedOrders: 0, failedMinor: 0, ...overrides };
}

export function salesReport(overrides: Partial<SalesReport> = {}): SalesReport {
  const day1 = figures({ orders: 2, grossMinor: 2_200, taxMinor: 200, netMinor: 2_000 });
  const day2 = figures({ orders: 1, grossMinor: 1_100, taxMinor: 100, serviceMinor: 100, netMinor: 1_000, cancelledOrders: 1, cancelledMinor: 550 });
  return {
    currency: 'USD',
    from: '2026-03-01',
    to: '2026-03-02',
    timeZone: 'Europe/Paris',
    totals: figures({ orders: 3, grossMinor: 3_300, taxMinor: 300, serviceMinor: 100, netMinor: 3_000, cancelledOrders: 1, cancelledMinor: 550 }),
    byDay: [
      { ...day1, date: '2026-03-01' },
      { ...day2, date: '2026-03-02' },
    ],
    byHour: Array.from({ length: 24 }, (_, hour) => ({ ...(hour === 12 ? figures({ orders: 3, grossMinor: 3_300, taxMinor: 300, serviceMinor: 100, netMinor: 3_000 }) : figures()), hour })),
    byDish: [
      { menuItemId: 'm1', name: 'Margherita', station: 'grill', quantity: 3, netMinor: 2_400, taxMinor: 240 },
      { menuItemId: 'm2', name: '=HYPERLINK("http://x","win")', station: 'bar', quantity: 1, netMinor: 500, taxMinor: 50 },
    ],
    byStation: [
      { station: 'grill', quantity: 3, netMinor: 2_400, taxMinor: 240 },
      { station: 'bar', quantity: 1, netMinor: 500, taxMinor: 50 },
    ],
    byType: [
      { ...figures({ orders: 2, grossMinor: 2_200, taxMinor: 200, netMinor: 2_000 }), type: 'dine-in' },
      { ...figures({ orders: 1, grossMinor: 1_100, taxMinor: 100, serviceMinor: 100, netMinor: 1_000, cancelledOrders: 1, cancelledMinor: 550 }), type: 'takeaway' },
    ],
    ...overrides,
  };
}
