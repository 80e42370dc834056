import { isCalendarDate } from '@maestro/contracts';
import type { CategoryOption } from '../../data/categories-repository';
import { EXPENSE_SORTS, MAX_CATEGORY_IDS, type ExpenseFilter, type ExpenseSort } from '../../data/expenses-repository';

// The list's filter, sort, page size and page live in the URL, so a reload, Back or a shared link
// shows the same list. Anything unreadable in the URL falls back to the default instead of
// failing, and says so: a problem names the field and what was ignored.

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
  /** 1-based, as people count pages. */
  page: number;
}

export const DEFAULT_PARAMS: ListParams = { from: null, to: null, account: null, category: null, q: '', sort: 'date-desc', size: 50, page: 1 };

/** Something in the URL or the form that the list cannot use: where, and what was done instead. */
export interface ParamProblem {
  field: 'from' | 'to' | 'account' | 'category' | 'sort' | 'size' | 'page';
  message: string;
}

type Query = Record<string, string | null | undefined>;

/** The params the URL asks for, with a problem for each value that could not be read. */
export function readQuery(query: Query): { params: ListParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const text = (value: string | null | undefined) => value?.trim() || null;
  const date = (field: 'from' | 'to', label: string) => {
    const value = text(query[field]);
    if (value && !isCalendarDate(value)) problems.push({ field, message: `${label} date ${clip(value)} is not a date: ignored.` });
    return value && isCalendarDate(value) ? value : null;
  };
  const from = date('from', 'From');
  const to = date('to', 'To');
  if (from && to && from > to) problems.push({ field: 'from', message: 'From is after To: both dates ignored until one is changed.' });
  const sortText = text(query['sort']);
  const sort = EXPENSE_SORTS.find((s) => s === sortText);
  if (sortText && !sort) problems.push({ field: 'sort', message: `Unknown sort '${clip(sortText)}' ignored: newest first.` });
  const sizeText = text(query['size']);
  const size = PAGE_SIZES.find((s) => String(s) === sizeText);
  if (sizeText && !size) problems.push({ field: 'size', message: `Page size ${clip(sizeText)} is not one of ${PAGE_SIZES.join(', ')}: ${DEFAULT_PARAMS.size} a page.` });
  const pageText = text(query['page']);
  const page = pageText && /^[1-9]\d{0,5}$/.test(pageText) ? Number(pageText) : null;
  if (pageText && !page) problems.push({ field: 'page', message: `Page ${clip(pageText)} is not a page number: page 1 shown.` });
  const params: ListParams = {
    from,
    to,
    account: text(query['account']),
    category: text(query['category']),
    q: query['q']?.trim() ?? '',
    sort: sort ?? DEFAULT_PARAMS.sort,
    size: size ?? DEFAULT_PARAMS.size,
    page: page ?? 1,
  };
  return { params, problems };
}

export function paramsFromQuery(query: Query): ListParams {
  return readQuery(query).params;
}

/**
 * An account or category the URL names that does not exist is left out, with a problem saying
 * so. A list not loaded yet (undefined) or unreadable (null) checks nothing.
 */
export function checkReferences(
  params: ListParams,
  accounts: readonly { id: string }[] | null | undefined,
  categories: readonly { id: string }[] | null | undefined,
): { params: ListParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const kept = { ...params };
  if (params.account && accounts && !accounts.some((a) => a.id === params.account)) {
    problems.push({ field: 'account', message: `Unknown account '${clip(params.account)}' ignored.` });
    kept.account = null;
  }
  if (params.category && categories && !categories.some((c) => c.id === params.category)) {
    problems.push({ field: 'category', message: `Unknown category '${clip(params.category)}' ignored.` });
    kept.category = null;
  }
  return { params: kept, problems };
}

/** What the list is asked: dates the wrong way round are left out (the form keeps them, to be fixed). */
export function effectiveParams(params: ListParams): ListParams {
  return params.from && params.to && params.from > params.to ? { ...params, from: null, to: null } : params;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

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
    page: params.page > 1 ? String(params.page) : null,
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
