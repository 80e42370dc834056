import { isCalendarDate } from '@maestro/contracts';
import type { CategoryOption } from '../../data/categories-repository';
import { EXPENSE_SORTS, MAX_CATEGORY_IDS, type ExpenseFilter, type ExpenseSort } from '../../data/expenses-repository';

// The list's filter, sort and page size live in the URL, so a reload or a shared link shows the
// same list. Anything unreadable in the URL falls back to the default instead of failing.

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface ListParams {
  from: string | null;
  to: string | null;
  account: string | null;
  category: string | null;
  q: string;
  sort: ExpenseSort;
  size: PageSize;
}

export const DEFAULT_PARAMS: ListParams = { from: null, to: null, account: null, category: null, q: '', sort: 'date-desc', size: 50 };

type Query = Record<string, string | null | undefined>;

export function paramsFromQuery(query: Query): ListParams {
  const date = (value: string | null | undefined) => (value && isCalendarDate(value) ? value : null);
  const text = (value: string | null | undefined) => value?.trim() || null;
  const sort = EXPENSE_SORTS.find((s) => s === query['sort']) ?? DEFAULT_PARAMS.sort;
  const size = PAGE_SIZES.find((s) => String(s) === query['size']) ?? DEFAULT_PARAMS.size;
  return {
    from: date(query['from']),
    to: date(query['to']),
    account: text(query['account']),
    category: text(query['category']),
    q: query['q']?.trim() ?? '',
    sort,
    size,
  };
}

/** Query params for the router: defaults become null, which removes them from the URL. */
export function queryFromParams(params: ListParams): Record<string, string | null> {
  return {
    from: params.from,
    to: params.to,
    account: params.account,
    category: params.category,
    q: params.q.trim() || null,
    sort: params.sort === DEFAULT_PARAMS.sort ? null : params.sort,
    size: params.size === DEFAULT_PARAMS.size ? null : String(params.size),
  };
}

/** True when something narrows the list (sort and page size do not). */
export function hasFilters(params: ListParams): boolean {
  return Boolean(params.from || params.to || params.account || params.category || params.q.trim());
}

/** The repository's filter: a category stands for itself and everything below it. */
export function toFilter(params: ListParams, categories: readonly CategoryOption[]): ExpenseFilter {
  return {
    from: params.from,
    to: params.to,
    accountId: params.account,
    categoryIds: params.category ? withDescendants(params.category, categories) : [],
    text: params.q,
  };
}

export function withDescendants(categoryId: string, categories: readonly CategoryOption[]): string[] {
  const ids = [categoryId];
  // Tree order: a category's descendants follow it, deeper than it, until the next sibling.
  const start = categories.findIndex((c) => c.id === categoryId);
  if (start >= 0) {
    for (const category of categories.slice(start + 1)) {
      if (category.depth <= categories[start]!.depth) break;
      ids.push(category.id);
    }
  }
  return ids.slice(0, MAX_CATEGORY_IDS);
}
