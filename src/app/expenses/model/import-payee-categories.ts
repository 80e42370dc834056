import { expenseDraftProblems, normalisePayee, type ExpenseDraft, type ImportRuleDraft } from '@maestro/contracts';
import type { ImportCategory, ImportLookups } from './csv-import-lookups';
import type { ImportMapping } from './csv-import-mapping';
import type { ConvertedRow } from './csv-import-rows';
import { matchingRule, type ImportRule } from './import-rule-match';

// The review's "category by payee": rows whose file gives no category take the user's choice for
// their payee, else the matching import rule, else the mapping's default. A category the file
// names is never overridden.

export type CategorySource =
  | { readonly kind: 'choice' }
  | { readonly kind: 'rule'; readonly rule: ImportRule }
  | { readonly kind: 'default' }
  | { readonly kind: 'none' };

/** One payee of the rows that need a category, with what it gets and why. */
export interface PayeeCategory {
  /** `normalisePayee` of the payee: what choices and rules are keyed by. */
  readonly key: string;
  /** The payee as the file first writes it. */
  readonly payee: string;
  readonly rows: number;
  readonly category: ImportCategory | null;
  readonly source: CategorySource;
}

export interface CategorisedRows {
  readonly rows: ConvertedRow[];
  /** In the file's order of first appearance. */
  readonly payees: PayeeCategory[];
}

/** What convertRows says when a row has no category: replaced once a choice, rule or default gives one. */
const NO_CATEGORY_PROBLEMS = new Set(['Choose a category for the rows.', 'The category is empty.']);

export const noCategoryProblem = (payee: string): string =>
  payee
    ? `No category for “${payee}”: choose one under “Categories by payee”, or a default category in the mapping.`
    : 'No category, and no payee to choose one for: choose a default category in the mapping.';

export function categoriseRows(
  rows: readonly ConvertedRow[],
  input: {
    readonly mapping: ImportMapping;
    readonly lookups: ImportLookups;
    readonly rules: readonly ImportRule[];
    readonly choices: ReadonlyMap<string, string>;
    readonly today: Date;
  },
): CategorisedRows {
  const { mapping, lookups, rules, choices, today } = input;
  const fallback = mapping.defaultCategoryId ? (lookups.categoryById(mapping.defaultCategoryId) ?? null) : null;
  const payees = new Map<string, PayeeCategory>();
  const resolve = (key: string, payee: string): PayeeCategory => {
    const known = payees.get(key);
    if (known) {
      const counted = { ...known, rows: known.rows + 1 };
      payees.set(key, counted);
      return counted;
    }
    const chosen = choices.get(key);
    const chosenCategory = chosen ? lookups.categoryById(chosen) : undefined;
    const rule = key ? matchingRule(rules, key) : null;
    const ruleCategory = rule ? lookups.categoryById(rule.categoryId) : undefined;
    const found: Pick<PayeeCategory, 'category' | 'source'> = chosenCategory
      ? { category: chosenCategory, source: { kind: 'choice' } }
      : rule && ruleCategory
        ? { category: ruleCategory, source: { kind: 'rule', rule } }
        : fallback
          ? { category: fallback, source: { kind: 'default' } }
          : { category: null, source: { kind: 'none' } };
    const entry = { key, payee, rows: 1, ...found };
    payees.set(key, entry);
    return entry;
  };
  const out = rows.map((row) => {
    if (categoryFromFile(row, mapping) || isUntouchable(row)) return row;
    const { category } = resolve(normalisePayee(row.read.payee), row.read.payee);
    return withCategory(row, category, today);
  });
  return { rows: out, payees: [...payees.values()] };
}

/** The file names a category for the row: that stays, right or wrong. */
function categoryFromFile(row: ConvertedRow, mapping: ImportMapping): boolean {
  const column = mapping.columns.category;
  return column !== null && (row.cells[column] ?? '').trim() !== '';
}

/** Money in (no draft, no problem) and rows whose cells do not line up are left as they are. */
function isUntouchable(row: ConvertedRow): boolean {
  return !row.draft && !row.problems.some((problem) => NO_CATEGORY_PROBLEMS.has(problem));
}

function withCategory(row: ConvertedRow, category: ImportCategory | null, today: Date): ConvertedRow {
  const others = row.problems.filter((problem) => !NO_CATEGORY_PROBLEMS.has(problem));
  const read = { ...row.read, category };
  if (!category) return { ...row, read, draft: null, problems: [...others, noCategoryProblem(row.read.payee)] };
  if (row.draft) return { ...row, read, draft: { ...row.draft, categoryId: category.id } };
  if (others.length) return { ...row, read, problems: others };
  // The category was the only problem: every other value was read, so the row becomes an expense.
  const { account, amountMinor, currency, date, payee, note, tags } = row.read;
  if (!account || amountMinor === null || !currency || !date) return { ...row, read, problems: others };
  const draft: ExpenseDraft = { accountId: account.id, categoryId: category.id, amountMinor, currency, date, payee, note, tags: [...tags] };
  const problems = expenseDraftProblems(draft, today);
  return { ...row, read, draft: problems.length ? null : draft, problems };
}

/**
 * The rules an import teaches: each payee the user gave a category in the review becomes an exact
 * rule, unless the rules already say the same. An exact rule with the same pattern is updated;
 * a "contains" rule that said otherwise stays, and the new exact rule wins over it.
 */
export function rulesToLearn(payees: readonly PayeeCategory[], rules: readonly ImportRule[]): { ruleId: string | null; rule: ImportRuleDraft }[] {
  const learned: { ruleId: string | null; rule: ImportRuleDraft }[] = [];
  for (const payee of payees) {
    if (payee.source.kind !== 'choice' || !payee.category || !payee.key) continue;
    const current = matchingRule(rules, payee.key);
    if (current?.categoryId === payee.category.id) continue;
    const same = rules.find((rule) => rule.match === 'exact' && rule.pattern === payee.key);
    learned.push({ ruleId: same?.id ?? null, rule: { pattern: payee.key, match: 'exact', categoryId: payee.category.id } });
  }
  return learned;
}
