import type { AccountDraft } from '@maestro/contracts';

export const ACCOUNT_NAME_MAX = 60;

/** What is wrong with a draft account, in words for the form; empty when it can be saved. */
export function accountDraftProblems(draft: AccountDraft): string[] {
  const problems: string[] = [];
  const name = draft.name.trim();
  if (!name) problems.push('Give the account a name.');
  if (name.length > ACCOUNT_NAME_MAX) problems.push(`Keep the name to ${ACCOUNT_NAME_MAX} characters.`);
  if (!['cash', 'bank', 'card'].includes(draft.type)) problems.push('Choose cash, bank or card.');
  if (!/^[A-Z]{3}$/.test(draft.currency)) problems.push('Use a three-letter currency code such as USD.');
  if (!Number.isSafeInteger(draft.openingBalanceMinor)) problems.push('The opening balance must be a whole number of cents.');
  return problems;
}

/** A draft that fails validation; its message lists every problem. */
export class InvalidAccountError extends Error {
  readonly code = 'invalid-argument';
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'InvalidAccountError';
  }
}
