// The counting rule of the sales reports (pure): what one order adds, the day and hour it lands
// on in the business's zone, and the report queries' validation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Timestamp } from 'firebase-admin/firestore';
import {
  addDays,
  datesFrom,
  isCalendarDate,
  isTimeZone,
  monthsEnding,
  salesSlotOf,
  startOfDay,
} from '../src/reports/sales-calendar';
import { salesFiguresOfOrder, salesSlicesOfOrder, zeroFigures, type CountableOrder } from '../src/reports/sales-figures';
import { emptyTally, tallyOrder } from '../src/reports/sales-tally';
import { salesMonthsQuery, salesOrdersQuery, salesQuery } from '../src/reports/schemas';

const line = (menuItemId: string, lineTotalMinor: number, taxMinor: number, taxInclusive: boolean, quantity = 1) => ({
  menuItemId,
  quantity,
  lineTotalMinor,
  taxMinor,
  menuItem: { name: `Dish ${menuItemId}`, station: menuItemId === 'beer' ? 'bar' : 'grill', taxInclusive },
});

// A burger 10.00 exclusive of 10 % (tax 1.00) and a beer 5.50 inclusive of 10 % (tax 0.50),
// service 5 % on the net 15.00 (0.75): the customer pays 15.50 + 1.00 + 0.75 = 17.25.
const served: CountableOrder = {
  status: 'SERVED',
  type: 'dine-in',
  currency: 'USD',
  totalMinor: 1725,
  taxMinor: 150,
  serviceMinor: 75,
  items: [line('burger', 1000, 100, false), line('beer', 550, 50, true)],
};

describe('salesFiguresOfOrder', () => {
  test('a served order: gross is what was paid, net is gross less tax; lines net of their tax', () => {
    const sale = salesFiguresOfOrder(served)!;
    assert.equal(sale.outcome, 'completed');
    assert.deepEqual(sale.figures, {
      ...zeroFigures(),
      orders: 1,
      grossMinor: 1725,
      taxMinor: 150,
      serviceMinor: 75,
      netMinor: 1575,
    });
    assert.deepEqual(sale.dishes['burger'], { name: 'Dish burger', station: 'grill', quantity: 1, netMinor: 1000, taxMinor: 100 });
    // Inclusive: the 5.50 price holds 0.50 of tax.
    assert.deepEqual(sale.dishes['beer'], { name: 'Dish beer', station: 'bar', quantity: 1, netMinor: 500, taxMinor: 50 });
    assert.deepEqual(sale.stations, {
      grill: { quantity: 1, netMinor: 1000, taxMinor: 100 },
      bar: { quantity: 1, netMinor: 500, taxMinor: 50 },
    });
  });

  test('a delivered order is a sale too; two lines of one dish are one entry', () => {
    const sale = salesFiguresOfOrder({
      status: 'DELIVERED',
      type: 'delivery',
      currency: 'EUR',
      totalMinor: 3000,
      items: [line('burger', 1000, 0, false), line('burger', 2000, 0, false, 2)],
    })!;
    assert.equal(sale.figures.orders, 1);
    assert.deepEqual(sale.dishes['burger'], { name: 'Dish burger', station: 'grill', quantity: 3, netMinor: 3000, taxMinor: 0 });
  });

  test('an order from before tax existed counts with tax and service 0: net is its total', () => {
    const sale = salesFiguresOfOrder({
      status: 'SERVED',
      type: 'takeaway',
      currency: 'USD',
      totalMinor: 1650,
      items: [{ menuItemId: 'old', quantity: 1, lineTotalMinor: 1650, menuItem: { name: 'Old burger', station: 'grill' } }],
    })!;
    assert.equal(sale.figures.netMinor, 1650);
    assert.equal(sale.figures.taxMinor, 0);
    assert.equal(sale.figures.serviceMinor, 0);
    assert.deepEqual(sale.dishes['old'], { name: 'Old burger', station: 'grill', quantity: 1, netMinor: 1650, taxMinor: 0 });
  });

  test('cancelled and failed orders are counted apart, never as sales, without their dishes', () => {
    const cancelled = salesFiguresOfOrder({ ...served, status: 'CANCELLED' })!;
    assert.equal(cancelled.outcome, 'cancelled');
    assert.deepEqual(cancelled.figures, { ...zeroFigures(), cancelledOrders: 1, cancelledMinor: 1725 });
    assert.deepEqual(cancelled.dishes, {});
    const failed = salesFiguresOfOrder({ ...served, status: 'FAILED' })!;
    assert.deepEqual(failed.figures, { ...zeroFigures(), failedOrders: 1, failedMinor: 1725 });
  });

  test('an order still in progress counts nothing yet', () => {
    for (const status of ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'nonsense'])
      assert.equal(salesFiguresOfOrder({ ...served, status }), null, status);
  });

  test('damaged amounts (text, fractions, NaN) count as 0 rather than poisoning a day', () => {
    const sale = salesFiguresOfOrder({
      status: 'SERVED',
      type: 'takeaway',
      currency: 'USD',
      totalMinor: '12.50',
      taxMinor: 1.5,
      serviceMinor: Number.NaN,
      items: [{ menuItemId: 'x', quantity: 'two', lineTotalMinor: null }],
    })!;
    assert.deepEqual(sale.figures, { ...zeroFigures(), orders: 1 });
    assert.deepEqual(sale.dishes['x'], { name: 'x', station: 'unknown', quantity: 0, netMinor: 0, taxMinor: 0 });
  });
});

describe('salesSlicesOfOrder', () => {
  test('each dish and station once, named as the by-dish and by-station rows name them', () => {
    const order = { items: [line('burger', 1000, 0, false), line('beer', 550, 0, true), line('burger', 1000, 0, false), { menuItemId: 'x' }] };
    assert.deepEqual(salesSlicesOfOrder(order), { dishes: ['burger', 'beer', 'x'], stations: ['grill', 'bar', 'unknown'] });
    assert.deepEqual(salesSlicesOfOrder({}), { dishes: [], stations: [] });
  });
});

describe('the business day and hour', () => {
  test('23:30 UTC is the next day, 00:30, in Europe/Paris in winter; the same day in UTC', () => {
    const at = new Date('2026-01-31T23:30:00Z');
    assert.deepEqual(salesSlotOf(at, 'Europe/Paris'), { date: '2026-02-01', month: '2026-02', hour: 0 });
    assert.deepEqual(salesSlotOf(at, 'UTC'), { date: '2026-01-31', month: '2026-01', hour: 23 });
  });

  test('summer time moves the cut: 22:30 UTC is 00:30 in Paris in July', () => {
    assert.deepEqual(salesSlotOf(new Date('2026-07-14T22:30:00Z'), 'Europe/Paris'), { date: '2026-07-15', month: '2026-07', hour: 0 });
  });

  test('a day starts at its local midnight, clock changes and half-hour zones included', () => {
    const cases: [string, string, string][] = [
      ['2026-02-01', 'Europe/Paris', '2026-01-31T23:00:00.000Z'],
      ['2026-03-29', 'Europe/Paris', '2026-03-28T23:00:00.000Z'], // a 23-hour day
      ['2026-03-30', 'Europe/Paris', '2026-03-29T22:00:00.000Z'],
      ['2026-10-25', 'Europe/Paris', '2026-10-24T22:00:00.000Z'], // a 25-hour day
      ['2026-05-01', 'Asia/Kolkata', '2026-04-30T18:30:00.000Z'],
      ['2026-05-01', 'UTC', '2026-05-01T00:00:00.000Z'],
      ['2026-05-01', 'America/Los_Angeles', '2026-05-01T07:00:00.000Z'],
    ];
    for (const [date, zone, start] of cases) assert.equal(startOfDay(date, zone).toISOString(), start, `${date} ${zone}`);
  });

  test('where a clock change skips midnight, the day starts at its first instant', () => {
    // Chile's clocks jump from 00:00 to 01:00 on 6 Sep 2026 (Santiago).
    const start = startOfDay('2026-09-06', 'America/Santiago');
    assert.equal(salesSlotOf(start, 'America/Santiago').date, '2026-09-06');
    assert.equal(salesSlotOf(new Date(start.getTime() - 1), 'America/Santiago').date, '2026-09-05');
  });

  test('zones, dates and months', () => {
    assert.ok(isTimeZone('Europe/Paris'));
    assert.ok(!isTimeZone('Mars/Olympus'));
    assert.ok(!isTimeZone(''));
    assert.ok(isCalendarDate('2028-02-29'));
    assert.ok(!isCalendarDate('2026-02-29'));
    assert.ok(!isCalendarDate('2026-1-01'));
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.deepEqual(datesFrom('2026-02-27', '2026-03-01'), ['2026-02-27', '2026-02-28', '2026-03-01']);
    assert.deepEqual(monthsEnding('2026-02', 3), ['2025-12', '2026-01', '2026-02']);
  });
});

describe('the in-memory tally (rebuild and recount)', () => {
  test('adds orders into their day, hour, type, dish and station, and their month', () => {
    const tally = emptyTally();
    const at = (iso: string) => Timestamp.fromDate(new Date(iso));
    tallyOrder(tally, { ...served, createdAt: at('2026-01-31T23:30:00Z') }, 'Europe/Paris');
    tallyOrder(tally, { ...served, status: 'CANCELLED', createdAt: at('2026-02-01T10:00:00Z') }, 'Europe/Paris');
    tallyOrder(tally, { ...served, status: 'READY', createdAt: at('2026-02-01T10:00:00Z') }, 'Europe/Paris');
    const day = tally.days.get('USD_2026-02-01')!;
    assert.equal(day.totals.orders, 1);
    assert.equal(day.totals.cancelledOrders, 1);
    assert.equal(day.hours['0']!.grossMinor, 1725);
    assert.equal(day.hours['11']!.cancelledMinor, 1725);
    assert.equal(day.types['dine-in']!.orders, 1);
    assert.equal(day.dishes['beer']!.netMinor, 500);
    assert.equal(tally.months.get('USD_2026-02')!.totals.netMinor, 1575);
    assert.equal(tally.days.size, 1);
  });
});

describe('report queries', () => {
  const problems = (schema: typeof salesQuery | typeof salesMonthsQuery | typeof salesOrdersQuery, query: object) => {
    const result = schema.safeParse(query);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  test('a good range passes; months default to 12', () => {
    assert.deepEqual(problems(salesQuery, { currency: 'USD', from: '2026-01-01', to: '2026-12-31' }), []);
    assert.equal(salesMonthsQuery.parse({ currency: 'EUR', to: '2026-03' }).months, 12);
  });

  test('a reversed range, a too long one, a bad currency and bad dates are said in words', () => {
    assert.deepEqual(problems(salesQuery, { currency: 'USD', from: '2026-03-02', to: '2026-03-01' }), [
      'from must not be after to: the range is reversed',
    ]);
    assert.deepEqual(problems(salesQuery, { currency: 'USD', from: '2026-01-01', to: '2027-01-02' }), [
      'the range may hold at most 366 days; ask for a shorter one',
    ]);
    assert.deepEqual(problems(salesQuery, { currency: 'usd', from: '2026-02-30', to: 'yesterday' }), [
      'currency must be a three-letter code in capitals, such as USD',
      'from "2026-02-30" is not a date written YYYY-MM-DD',
      'to "yesterday" is not a date written YYYY-MM-DD',
    ]);
    assert.deepEqual(problems(salesMonthsQuery, { currency: 'USD', to: '2026-13', months: '25' }), [
      'to "2026-13" is not a month written YYYY-MM',
      'months must be a whole number from 1 to 24',
    ]);
  });

  test('the order list: completed and 25 a page by default; one slice at a time; the page size capped', () => {
    const range = { currency: 'USD', from: '2026-03-01', to: '2026-03-31' };
    assert.deepEqual(salesOrdersQuery.parse(range), { ...range, outcome: 'completed', pageSize: 25 });
    assert.deepEqual(problems(salesOrdersQuery, { ...range, outcome: 'served', type: 'boat', station: 'GRILL', dish: 'a b' }), [
      'outcome must be one of completed, cancelled, failed',
      'type must be one of dine-in, takeaway, delivery',
      'dish must be a menu item id (letters, digits, - and _)',
      'station must be a station name such as grill (small letters)',
    ]);
    assert.deepEqual(problems(salesOrdersQuery, { ...range, type: 'takeaway', dish: 'burger' }), [
      "filter by one of type, dish, station at a time, as the report's tables do",
    ]);
    assert.deepEqual(problems(salesOrdersQuery, { ...range, pageSize: '101' }), ['pageSize must be a whole number from 1 to 100']);
    assert.deepEqual(problems(salesOrdersQuery, { ...range, from: '2026-04-01' }), ['from must not be after to: the range is reversed']);
  });
});
