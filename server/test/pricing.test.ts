// The pricing contract (contracts/pricing.ts): tax per line and service per order, in integer minor
// units, rounded half away from zero. The API stores these figures and the SPA recomputes them, so
// every edge is pinned here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { divideRounded, lineTaxMinor, orderTotals, priceOrder } from '@maestro/contracts';

const line = (lineTotalMinor: number, rate: number, inclusive: boolean) => ({
  lineTotalMinor,
  taxMinor: lineTaxMinor(lineTotalMinor, rate, inclusive),
  menuItem: { taxInclusive: inclusive },
});

describe('divideRounded: half away from zero, exact on integers', () => {
  test('halves go up for positive numbers and down for negative ones', () => {
    assert.equal(divideRounded(5, 10), 1);
    assert.equal(divideRounded(15, 10), 2);
    assert.equal(divideRounded(25, 10), 3, 'not banker’s rounding (which gives 2)');
    assert.equal(divideRounded(-5, 10), -1);
    assert.equal(divideRounded(-25, 10), -3);
  });
  test('below a half goes down, above goes up', () => {
    assert.equal(divideRounded(4999, 10_000), 0);
    assert.equal(divideRounded(5001, 10_000), 1);
    assert.equal(divideRounded(0, 7), 0);
  });
  test('large products stay exact (no floating point drift)', () => {
    // 1,000,000 minor units × 10,000 basis points is 10^10: far inside the safe integers.
    assert.equal(divideRounded(1_000_000 * 825, 10_000), 82_500);
    assert.equal(divideRounded(999_999 * 825, 10_000), 82_500, '82,499.9175 rounds up');
  });
  test('refuses a denominator that is not positive', () => {
    for (const denominator of [0, -10_000])
      assert.throws(() => divideRounded(1, denominator), {
        name: 'RangeError',
        message: 'denominator must be positive',
      });
  });
});

describe('lineTaxMinor', () => {
  test('exclusive: round(line × rate / 10000), .5 rounded up', () => {
    assert.equal(lineTaxMinor(1000, 1000, false), 100);
    assert.equal(lineTaxMinor(5, 1000, false), 1, '0.5 → 1');
    assert.equal(lineTaxMinor(4, 1000, false), 0, '0.4 → 0');
    assert.equal(lineTaxMinor(1650, 825, false), 136, '136.125 → 136');
    assert.equal(lineTaxMinor(1800, 825, false), 149, '148.5 → 149');
  });
  test('inclusive: line − round(line × 10000 / (10000 + rate))', () => {
    // 1200 at 20 % inside: net 1000, tax 200.
    assert.equal(lineTaxMinor(1200, 2000, true), 200);
    // 1 at 20 %: net 0.8333 → 1, tax 0.
    assert.equal(lineTaxMinor(1, 2000, true), 0);
    // 3 at 20 %: net 2.5 → 3 (half away from zero), tax 0.
    assert.equal(lineTaxMinor(3, 2000, true), 0);
    // 9 at 20 %: net 7.5 → 8, tax 1.
    assert.equal(lineTaxMinor(9, 2000, true), 1);
  });
  test('0 % is no tax, and 100 % doubles (exclusive) or halves (inclusive)', () => {
    assert.equal(lineTaxMinor(1234, 0, false), 0);
    assert.equal(lineTaxMinor(1234, 0, true), 0);
    assert.equal(lineTaxMinor(1234, 10_000, false), 1234);
    assert.equal(lineTaxMinor(1234, 10_000, true), 617);
    assert.equal(lineTaxMinor(1235, 10_000, true), 617, 'net 617.5 → 618, tax 617');
  });
  test('a free line has no tax', () => {
    assert.equal(lineTaxMinor(0, 825, false), 0);
    assert.equal(lineTaxMinor(0, 2000, true), 0);
  });
});

describe('priceOrder / orderTotals', () => {
  test('exclusive tax is added to the total, inclusive is already in it', () => {
    const totals = priceOrder([line(1000, 1000, false), line(1200, 2000, true)]);
    assert.deepEqual(totals, { subtotalMinor: 2200, taxMinor: 300, serviceMinor: 0, totalMinor: 2300 });
  });
  test('service is on the net subtotal (inclusive tax taken out), untaxed, rounded once per order', () => {
    const totals = priceOrder([line(1000, 1000, false), line(1200, 2000, true)], 1000);
    // net subtotal 1000 + (1200 − 200) = 2000; service 10 % = 200.
    assert.deepEqual(totals, { subtotalMinor: 2200, taxMinor: 300, serviceMinor: 200, totalMinor: 2500 });
  });
  test('service rounds half away from zero', () => {
    assert.equal(priceOrder([line(5, 0, false)], 1000).serviceMinor, 1, '0.5 → 1');
    assert.equal(priceOrder([line(1650, 0, false)], 1250).serviceMinor, 206, '206.25 → 206');
  });
  test('tax rounds per line: many small lines may round differently from their sum', () => {
    const lines = Array.from({ length: 10 }, () => line(5, 1000, false));
    const totals = priceOrder(lines);
    assert.equal(totals.taxMinor, 10, 'each 0.5 rounds to 1');
    assert.equal(totals.totalMinor, 60);
    assert.equal(lineTaxMinor(50, 1000, false), 5, 'the sum taxed at once would be 5');
  });
  test('net sales = total − tax, and the total is subtotal + exclusive tax + service', () => {
    const lines = [line(1650, 825, false), line(450, 1000, false), line(1200, 2000, true)];
    const totals = priceOrder(lines, 1000);
    const exclusiveTax = lines[0]!.taxMinor + lines[1]!.taxMinor;
    assert.equal(totals.totalMinor, totals.subtotalMinor + exclusiveTax + totals.serviceMinor);
    assert.equal(totals.totalMinor - totals.taxMinor, 1650 + 450 + 1000 + totals.serviceMinor);
  });
  test('lines of older orders (no tax fields) count as untaxed; no service rate means none', () => {
    assert.deepEqual(orderTotals([{ lineTotalMinor: 700 }, { lineTotalMinor: 300 }]), {
      subtotalMinor: 1000,
      taxMinor: 0,
      serviceMinor: 0,
      totalMinor: 1000,
    });
  });
  test('an order with no lines is all zeros', () => {
    assert.deepEqual(priceOrder([], 1000), { subtotalMinor: 0, taxMinor: 0, serviceMinor: 0, totalMinor: 0 });
  });
});
