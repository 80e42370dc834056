import { AMOUNT_MAX_MINOR, type BudgetDraft } from '@maestro/contracts';

/** What is wrong with a budget, in words for the user; empty when it can be saved (0 removes it). */
export function budgetDraftProblems(draft: BudgetDraft): string[] {
  const problems: string[] = [];
  if (typeof draft.categoryId !== 'string' || !draft.categoryId || draft.categoryId.includes('/')) problems.push('Choose a category.');
  if (typeof draft.currency !== 'string' || !/^[A-Z]{3}$/.test(draft.currency)) problems.push('Use a three-letter currency code such as USD.');
  if (!Number.isSafeInteger(draft.amountMinor) || draft.amountMinor < 0) problems.push('The budget must be zero or more, in whole cents.');
  else if (draft.amountMinor > AMOUNT_MAX_MINOR) problems.push('The budget is too large.');
  return problems;
}
