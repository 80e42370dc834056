// The expense ledger's documents and the checks both the SPA and the rules agree on.
// Money is always integer minor units plus an ISO 4217 code; dates are calendar dates (YYYY-MM-DD).

export type AccountType = 'cash' | 'bank' | 'card';

export interface AccountDraft {
  name: string;
  type: AccountType;
  currency: string;
  openingBalanceMinor: number;
}

/** What can change on an existing account (the currency cannot: its expenses are in it). */
export interface AccountPatch {
  name?: string;
  type?: AccountType;
  openingBalanceMinor?: number;
  archived?: boolean;
}

export interface CategoryDraft {
  name: string;
  /** #rrggbb */
  colour: string;
  /** A Material icon name. */
  icon: string;
  parentId: string | null;
}

export interface ExpenseDraft {
  accountId: string;
  categoryId: string;
  /** Positive: an expense is money out of the account. */
  amountMinor: number;
  /** Always the account's currency. */
  currency: string;
  /** Calendar date, YYYY-MM-DD. */
  date: string;
  payee: string;
  note: string;
  tags: string[];
}

/** An expense as stored in `expenses/{id}`. Deletion is soft, so undo can bring it back. */
export interface ExpenseDoc extends ExpenseDraft {
  /** YYYY-MM of `date`: month summaries and budgets query by it. */
  month: string;
  /** Lower-case words of payee, note and tags and their prefixes: the list's text filter. */
  keywords: string[];
  deleted: boolean;
  createdBy: string;
  updatedBy: string;
  /** Set when the expense came from a CSV import. */
  importId?: string;
  createdAt?: unknown;
  updatedAt?: unknown;
}

export interface TransferDraft {
  fromAccountId: string;
  toAccountId: string;
  sentMinor: number;
  sentCurrency: string;
  /** Equal to `sentMinor` between accounts of one currency; asked for otherwise (no invented rates). */
  receivedMinor: number;
  receivedCurrency: string;
  date: string;
  note: string;
}

export interface TransferDoc extends TransferDraft {
  month: string;
  deleted: boolean;
  createdBy: string;
  createdAt?: unknown;
}

/** A monthly budget for one category in one currency: `budgets/{categoryId}_{currency}`. */
export interface BudgetDraft {
  categoryId: string;
  currency: string;
  /** Per month; 0 removes the budget. */
  amountMinor: number;
}

export const budgetId = (categoryId: string, currency: string): string => `${categoryId}_${currency}`;

export const NAME_MAX = 60;
export const PAYEE_MAX = 120;
export const NOTE_MAX = 500;
export const TAGS_MAX = 10;
export const TAG_MAX = 30;
/** The largest amount we accept: far beyond any real expense, far inside a safe integer. */
export const AMOUNT_MAX_MINOR = 1e13;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  // Date.UTC rolls an impossible day or month over (2026-02-30 is 2 March; years 0–99 become
  // 1900–1999): a real date reads back as it was written.
  return isoDate(new Date(Date.UTC(y!, m! - 1, d!))) === text;
}

/** The calendar date of an instant, in UTC: the same clock the rules use. */
export function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Latest date an expense may carry: one year after `today` (scheduled, never far-future typos). */
export function latestAllowedDate(today: Date): string {
  const limit = new Date(today.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  return isoDate(limit);
}

export const monthOf = (date: string): string => date.slice(0, 7);

/** What is wrong with an expense, in words for the user; empty when it can be saved. */
export function expenseDraftProblems(draft: ExpenseDraft, today: Date): string[] {
  const problems: string[] = [];
  if (!draft.accountId) problems.push('Choose an account.');
  if (!draft.categoryId) problems.push('Choose a category.');
  if (!Number.isSafeInteger(draft.amountMinor) || draft.amountMinor <= 0) problems.push('The amount must be more than zero.');
  else if (draft.amountMinor > AMOUNT_MAX_MINOR) problems.push('The amount is too large.');
  if (!/^[A-Z]{3}$/.test(draft.currency)) problems.push('Use a three-letter currency code such as USD.');
  if (!isCalendarDate(draft.date)) problems.push('Give a real date (YYYY-MM-DD).');
  else if (draft.date > latestAllowedDate(today)) problems.push('The date is more than a year ahead.');
  if (draft.payee.trim().length > PAYEE_MAX) problems.push(`Keep the payee to ${PAYEE_MAX} characters.`);
  if (draft.note.length > NOTE_MAX) problems.push(`Keep the note to ${NOTE_MAX} characters.`);
  if (draft.tags.length > TAGS_MAX) problems.push(`Use at most ${TAGS_MAX} tags.`);
  if (draft.tags.some((tag) => !tag.trim() || tag.length > TAG_MAX)) problems.push(`Tags must be 1–${TAG_MAX} characters.`);
  else if (draft.tags.some((tag) => /[\r\n]/.test(tag))) problems.push('Tags cannot contain line breaks.');
  return problems;
}

/** What is wrong with a transfer; empty when it can be saved. */
export function transferDraftProblems(draft: TransferDraft, today: Date): string[] {
  const problems: string[] = [];
  if (!draft.fromAccountId || !draft.toAccountId) problems.push('Choose both accounts.');
  else if (draft.fromAccountId === draft.toAccountId) problems.push('Choose two different accounts.');
  for (const [amount, label] of [[draft.sentMinor, 'sent'], [draft.receivedMinor, 'received']] as const) {
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > AMOUNT_MAX_MINOR) problems.push(`The amount ${label} must be more than zero.`);
  }
  if (draft.sentCurrency === draft.receivedCurrency && draft.sentMinor !== draft.receivedMinor) {
    problems.push('Between accounts of one currency the amount received is the amount sent.');
  } else if (
    draft.sentCurrency !== draft.receivedCurrency &&
    draft.sentMinor > 0 &&
    draft.receivedMinor > 0 &&
    (draft.receivedMinor > draft.sentMinor * TRANSFER_RATE_MAX || draft.sentMinor > draft.receivedMinor * TRANSFER_RATE_MAX)
  ) {
    problems.push('The amounts sent and received are too far apart for any exchange rate: check for extra zeros.');
  }
  if (!isCalendarDate(draft.date)) problems.push('Give a real date (YYYY-MM-DD).');
  else if (draft.date > latestAllowedDate(today)) problems.push('The date is more than a year ahead.');
  if (draft.note.length > NOTE_MAX) problems.push(`Keep the note to ${NOTE_MAX} characters.`);
  return problems;
}

export function categoryDraftProblems(draft: CategoryDraft): string[] {
  const problems: string[] = [];
  const name = draft.name.trim();
  if (!name) problems.push('Give the category a name.');
  if (name.length > NAME_MAX) problems.push(`Keep the name to ${NAME_MAX} characters.`);
  if (!/^#[0-9a-f]{6}$/i.test(draft.colour)) problems.push('Pick a colour.');
  if (!/^[a-z0-9_]{1,40}$/.test(draft.icon)) problems.push('Pick an icon.');
  return problems;
}

const MIN_PREFIX = 2;
const MAX_KEYWORDS = 60;

/** Search keys for the text filter: every word of payee, note and tags, and each word's prefixes. */
export function expenseKeywords(draft: Pick<ExpenseDraft, 'payee' | 'note' | 'tags'>): string[] {
  const words = [draft.payee, draft.note, ...draft.tags]
    .join(' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= MIN_PREFIX);
  const keys = new Set<string>();
  for (const word of words) {
    for (let end = MIN_PREFIX; end <= Math.min(word.length, 20); end++) keys.add(word.slice(0, end));
  }
  // The first words' keys win: payee before note before tags.
  return [...keys].slice(0, MAX_KEYWORDS);
}

/** The search key for what a user typed in the text filter: its first word, as stored. */
export function searchKey(text: string): string | null {
  const word = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= MIN_PREFIX);
  return word ? word.slice(0, 20) : null;
}

/** The stored form of a draft (without server timestamps). */
export function toExpenseDoc(draft: ExpenseDraft, uid: string): ExpenseDoc {
  const clean = { ...draft, payee: draft.payee.trim(), note: draft.note.trim(), tags: draft.tags.map((t) => t.trim()) };
  return { ...clean, month: monthOf(clean.date), keywords: expenseKeywords(clean), deleted: false, createdBy: uid, updatedBy: uid };
}

// ── Authority: what the Firestore rules enforce, said once for the SPA to say before the rules refuse ──

/** Whoever recorded an expense or a transfer may change or delete it; otherwise only an admin. */
export function mayChangeRecord(record: { createdBy?: unknown }, user: { uid: string; role: string }): boolean {
  return user.role === 'admin' || record.createdBy === user.uid;
}
export const recordOwnerOnly = (what: 'expense' | 'transfer'): string =>
  `Only the person who recorded this ${what} or an admin can change or delete it.`;

/** Budgets are the business's targets: admins set and remove them. */
export const BUDGETS_ADMIN_ONLY = 'Only admins set budgets.';
/** An account's opening balance is part of every figure already reported: fixed once created, but for admins. */
export const OPENING_BALANCE_ADMIN_ONLY = 'Only admins change an opening balance after the account is created.';
/** Deleting a category (and its budgets) is for admins. */
export const CATEGORY_DELETE_ADMIN_ONLY = 'Only admins delete categories.';

/** Categories nest at most this deep (a root and three levels under it); the rules walk no further. */
export const CATEGORY_DEPTH_MAX = 4;

/**
 * Between two currencies the amount received is within this factor of the amount sent (in minor
 * units, either way): every real exchange rate fits, a typo of eight extra zeros does not.
 */
export const TRANSFER_RATE_MAX = 10_000_000;
