import { SALES_ORDER_FILTERS, SALES_OUTCOMES, type SalesOutcome } from '@maestro/contracts';
import { readReportQuery, type ReportQuery } from './report-range';

// The orders behind a sales figure (`/reports/orders`): the sales report's range and currency,
// the outcome (sold, cancelled, failed) and at most one slice of the report (an order type, a
// dish, a station), all in the URL, so each figure of the report links to its own list.

export const ORDER_LIST_PATH = '/reports/orders';

export type OrderSliceKind = (typeof SALES_ORDER_FILTERS)[number];

export interface OrderListQuery extends ReportQuery {
  outcome: SalesOutcome;
  slice: { kind: OrderSliceKind; value: string } | null;
}

/** What a URL asks for. An unknown outcome reads as sold; of several slices the first is kept. */
export function readOrderListQuery(params: Record<string, string | null | undefined>, today: string): OrderListQuery {
  const outcome = params['outcome']?.trim() ?? '';
  const kind = SALES_ORDER_FILTERS.find((name) => params[name]?.trim());
  return {
    ...readReportQuery(params, today),
    outcome: (SALES_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as SalesOutcome) : 'completed',
    slice: kind ? { kind, value: params[kind]!.trim() } : null,
  };
}

/** The query string of the list behind a figure; `outcome` left out when it is the sold orders. */
export function orderListParams(
  range: ReportQuery,
  options: { outcome?: SalesOutcome; slice?: { kind: OrderSliceKind; value: string } } = {},
): Record<string, string> {
  const params: Record<string, string> = { from: range.from, to: range.to, currency: range.currency };
  if (options.outcome && options.outcome !== 'completed') params['outcome'] = options.outcome;
  if (options.slice) params[options.slice.kind] = options.slice.value;
  return params;
}

/** How the outcome reads in a sentence ("3 sold orders"). */
export const OUTCOME_WORDS: Record<SalesOutcome, string> = { completed: 'sold', cancelled: 'cancelled', failed: 'failed' };
