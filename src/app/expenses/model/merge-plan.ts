import { MERGE_MAX_OTHERS, comparableName } from '@maestro/contracts';

// What merging duplicates changes, decided before anything is written (pure). The product rules:
// - Only duplicates merge: accounts of one currency, or categories under one parent, whose names
//   compare equal (case and spacing ignored). The admin picks the one that stays (the survivor).
// - Accounts: every expense of the others moves to the survivor, deleted ones too (so an Undo of
//   one still finds its account); each transfer end on another moves to the survivor; a transfer
//   between two of the merged accounts would go from the survivor to itself and is removed (softly,
//   like a deleted transfer: it moved nothing between them as one account, so no balance changes).
//   The survivor's opening balance becomes the sum of all of theirs, so its balance is the sum.
// - Categories: expenses, child categories, budgets (added up per currency: the spending they
//   watched now lands in one category) and import rules move to the survivor. Refused when a child
//   name would then be twice under the survivor: the names are said, to merge or rename first.
// - Then the others are deleted, each with its entry, and the survivor claims the name.

/** A refusal in words; nothing was written. */
export class MergeRefusedError extends Error {
  override readonly name = 'MergeRefusedError';
  readonly code = 'failed-precondition';
}

const OPENING_LIMIT = 10_000_000_000_000;

export interface MergeAccount {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly type: string;
  readonly openingBalanceMinor: number;
  readonly auditId?: string | null;
}

export interface MergeCategory {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly auditId?: string | null;
}

export interface MergeTransfer {
  readonly id: string;
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly deleted: boolean;
}

export interface MergeBudget {
  readonly id: string;
  readonly categoryId: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly auditId?: string | null;
}

export interface AccountMergePlan {
  readonly kind: 'account';
  readonly survivor: MergeAccount;
  readonly others: readonly MergeAccount[];
  /** Expenses to point at the survivor. */
  readonly expenseIds: readonly string[];
  /** Transfers with the ends they get. */
  readonly transferMoves: readonly { readonly id: string; readonly fromAccountId: string; readonly toAccountId: string }[];
  /** Transfers between two of the merged accounts, removed softly (already deleted ones are left). */
  readonly transferDrops: readonly string[];
  readonly openingBalanceMinor: { readonly from: number; readonly to: number };
}

export interface CategoryMergePlan {
  readonly kind: 'category';
  readonly survivor: MergeCategory;
  readonly others: readonly MergeCategory[];
  readonly expenseIds: readonly string[];
  /** Children of the others, re-parented under the survivor. */
  readonly children: readonly MergeCategory[];
  /** The survivor's budget per currency after the merge (`previous`: its own before, or null). */
  readonly budgetsSet: readonly { readonly id: string; readonly currency: string; readonly amountMinor: number; readonly previous: number | null; readonly auditId: string | null }[];
  /** The others' budgets, removed once added to the survivor's. */
  readonly budgetsRemoved: readonly MergeBudget[];
  readonly ruleIds: readonly string[];
}

export type MergePlan = AccountMergePlan | CategoryMergePlan;

function checkedGroup<T extends { id: string; name: string }>(survivor: T | undefined, others: readonly (T | undefined)[], noun: string, sameGroup: (a: T) => boolean): T[] {
  if (!survivor) throw new MergeRefusedError(`The ${noun} to keep no longer exists: reload the page.`);
  if (!others.length) throw new MergeRefusedError(`Choose at least one other ${noun} to merge into “${survivor.name}”.`);
  if (others.length > MERGE_MAX_OTHERS) throw new MergeRefusedError(`At most ${MERGE_MAX_OTHERS} ${noun === 'account' ? 'accounts' : 'categories'} merge into one at a time.`);
  const found = others.filter((other): other is T => !!other);
  if (found.length < others.length) throw new MergeRefusedError(`One of the ${noun === 'account' ? 'accounts' : 'categories'} to merge no longer exists: reload the page.`);
  if (found.some((other) => other.id === survivor.id) || new Set(found.map((o) => o.id)).size < found.length) {
    throw new MergeRefusedError(`Each ${noun} to merge must be another one than the ${noun} that stays.`);
  }
  const stranger = found.find((other) => !sameGroup(other) || comparableName(other.name) !== comparableName(survivor.name));
  if (stranger) throw new MergeRefusedError(`“${stranger.name}” is not a duplicate of “${survivor.name}”: only ${noun === 'account' ? 'accounts of one currency' : 'categories under one parent'} with the same name merge.`);
  return found;
}

/** An account merge, or a refusal saying why. */
export function planAccountMerge(
  survivor: MergeAccount | undefined,
  others: readonly (MergeAccount | undefined)[],
  expenses: readonly { id: string; accountId: string }[],
  transfers: readonly MergeTransfer[],
): AccountMergePlan {
  const found = checkedGroup(survivor, others, 'account', (other) => other.currency === survivor!.currency);
  const kept = survivor!;
  const merged = new Set([kept.id, ...found.map((o) => o.id)]);
  const leaving = new Set(found.map((o) => o.id));
  const to = (id: string) => (merged.has(id) ? kept.id : id);
  const transferMoves: AccountMergePlan['transferMoves'][number][] = [];
  const transferDrops: string[] = [];
  for (const t of transfers) {
    if (!leaving.has(t.fromAccountId) && !leaving.has(t.toAccountId)) continue;
    if (merged.has(t.fromAccountId) && merged.has(t.toAccountId)) {
      if (!t.deleted) transferDrops.push(t.id);
      // A deleted one stays as it is: an Undo could only put back a transfer to itself (refused).
      continue;
    }
    transferMoves.push({ id: t.id, fromAccountId: to(t.fromAccountId), toAccountId: to(t.toAccountId) });
  }
  const total = [kept, ...found].reduce((sum, a) => sum + a.openingBalanceMinor, 0);
  if (Math.abs(total) > OPENING_LIMIT) throw new MergeRefusedError('Together these opening balances are beyond what an account can hold: correct them first.');
  return {
    kind: 'account',
    survivor: kept,
    others: found,
    expenseIds: expenses.filter((e) => leaving.has(e.accountId)).map((e) => e.id),
    transferMoves,
    transferDrops,
    openingBalanceMinor: { from: kept.openingBalanceMinor, to: total },
  };
}

/** A category merge, or a refusal saying why (a child name twice under the survivor, say). */
export function planCategoryMerge(
  survivor: MergeCategory | undefined,
  others: readonly (MergeCategory | undefined)[],
  categories: readonly MergeCategory[],
  expenses: readonly { id: string; categoryId: string }[],
  budgets: readonly MergeBudget[],
  rules: readonly { id: string; categoryId: string }[],
): CategoryMergePlan {
  const found = checkedGroup(survivor, others, 'category', (other) => (other.parentId ?? null) === (survivor!.parentId ?? null));
  const kept = survivor!;
  const leaving = new Set(found.map((o) => o.id));
  const children = categories.filter((c) => c.parentId && leaving.has(c.parentId));
  const under = new Map<string, MergeCategory>();
  for (const child of [...categories.filter((c) => c.parentId === kept.id), ...children]) {
    const clash = under.get(comparableName(child.name));
    if (clash) {
      throw new MergeRefusedError(
        `“${kept.name}” would then hold two categories named “${clash.name}”${clash.name === child.name ? '' : ` and “${child.name}”`}: rename one of them, or merge those first.`,
      );
    }
    under.set(comparableName(child.name), child);
  }
  const own = new Map(budgets.filter((b) => b.categoryId === kept.id).map((b) => [b.currency, b]));
  const budgetsRemoved = budgets.filter((b) => leaving.has(b.categoryId));
  const sums = new Map<string, number>();
  for (const b of budgetsRemoved) sums.set(b.currency, (sums.get(b.currency) ?? own.get(b.currency)?.amountMinor ?? 0) + b.amountMinor);
  const budgetsSet = [...sums].map(([currency, amountMinor]) => {
    if (amountMinor > OPENING_LIMIT) throw new MergeRefusedError(`Together the ${currency} budgets are beyond what a budget can hold: lower one first.`);
    const previous = own.get(currency);
    return { id: `${kept.id}_${currency}`, currency, amountMinor, previous: previous?.amountMinor ?? null, auditId: previous?.auditId ?? null };
  });
  return {
    kind: 'category',
    survivor: kept,
    others: found,
    expenseIds: expenses.filter((e) => leaving.has(e.categoryId)).map((e) => e.id),
    children,
    budgetsSet,
    budgetsRemoved,
    ruleIds: rules.filter((r) => leaving.has(r.categoryId)).map((r) => r.id),
  };
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "132 expenses, 2 transfers moved; 1 transfer between them removed" */
export function mergeSummary(plan: MergePlan): string {
  const parts = [count(plan.expenseIds.length, 'expense', 'expenses')];
  if (plan.kind === 'account') {
    if (plan.transferMoves.length) parts.push(count(plan.transferMoves.length, 'transfer', 'transfers'));
    const dropped = plan.transferDrops.length ? `; ${count(plan.transferDrops.length, 'transfer', 'transfers')} between them removed` : '';
    return `${parts.join(', ')} moved${dropped}`;
  }
  if (plan.children.length) parts.push(count(plan.children.length, 'child category', 'child categories'));
  if (plan.budgetsRemoved.length) parts.push(count(plan.budgetsRemoved.length, 'budget', 'budgets'));
  if (plan.ruleIds.length) parts.push(count(plan.ruleIds.length, 'import rule', 'import rules'));
  return `${parts.join(', ')} moved`;
}
