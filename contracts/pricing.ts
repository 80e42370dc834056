// Tax and service charge of an order (issue 19, the pricing contract). Pure integer arithmetic on
// minor units, shared by the API (which stores the figures) and the SPA (which recomputes them
// after item events, and shows the running total of an order being placed).
//
// THE ROUNDING RULE: every division rounds half away from zero, once per line for tax and once per
// order for the service charge (never on sums of rounded figures twice). Rates are basis points
// (1000 = 10 %), whole numbers from 0 to 10,000.
//
// - Exclusive tax (added on top):   taxMinor = round(lineTotalMinor × rate / 10000)
// - Inclusive tax (inside the price): taxMinor = lineTotalMinor − round(lineTotalMinor × 10000 / (10000 + rate))
// - Service (not taxed): serviceMinor = round(netSubtotal × serviceRate / 10000), where netSubtotal
//   = Σ (lineTotalMinor − (inclusive ? taxMinor : 0))
// - subtotalMinor = Σ lineTotalMinor; totalMinor = subtotalMinor + Σ exclusive taxMinor + serviceMinor
// - Net sales of an order = totalMinor − taxMinor. Orders from before have no tax fields: 0 / false.

/** Largest tax or service rate: 100 %. */
export const RATE_BASIS_POINTS_MAX = 10_000;

/** `numerator / denominator` rounded half away from zero; exact for safe integers (no floats). */
export function divideRounded(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  const quotient = Math.floor(n / denominator);
  const remainder = n - quotient * denominator;
  return sign * (remainder * 2 >= denominator ? quotient + 1 : quotient);
}

/** The tax of one line, by the rule above. */
export function lineTaxMinor(lineTotalMinor: number, rateBasisPoints: number, inclusive: boolean): number {
  if (rateBasisPoints === 0) return 0;
  return inclusive
    ? lineTotalMinor - divideRounded(lineTotalMinor * 10_000, 10_000 + rateBasisPoints)
    : divideRounded(lineTotalMinor * rateBasisPoints, 10_000);
}

/** What a line needs for the order's totals; older lines lack the tax fields. */
export interface PricedLine {
  lineTotalMinor: number;
  taxMinor?: number;
  menuItem?: { taxInclusive?: boolean };
}

export interface OrderTotals {
  subtotalMinor: number;
  taxMinor: number;
  serviceMinor: number;
  totalMinor: number;
}

/** The order's figures from its lines (each with its own rounded tax) and its service rate. */
export function priceOrder(lines: readonly PricedLine[], serviceRateBasisPoints = 0): OrderTotals {
  let subtotalMinor = 0;
  let taxMinor = 0;
  let exclusiveTaxMinor = 0;
  let netSubtotalMinor = 0;
  for (const line of lines) {
    const tax = line.taxMinor ?? 0;
    const inclusive = line.menuItem?.taxInclusive === true;
    subtotalMinor += line.lineTotalMinor;
    taxMinor += tax;
    if (!inclusive) exclusiveTaxMinor += tax;
    netSubtotalMinor += line.lineTotalMinor - (inclusive ? tax : 0);
  }
  const serviceMinor = divideRounded(netSubtotalMinor * serviceRateBasisPoints, 10_000);
  return { subtotalMinor, taxMinor, serviceMinor, totalMinor: subtotalMinor + exclusiveTaxMinor + serviceMinor };
}
