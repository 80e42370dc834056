import { ORDER_ACTIONS, isCalendarDate } from '@maestro/contracts';
import { clipText } from '../../shared/clip-text';
import { formatCalendarDate, formatDateTime, isIsoDateTime } from '../../shared/dates';
import { formatMoney } from '../../shared/money';
import { sentenceCase } from './activity-actions';
import type { ActivityRow } from './activity-entry';
import { NO_NAMES, accountName, categoryName, memberName, type NameBook } from './activity-names';

/** One changed field, old → new, as text. `from` is null when there was nothing (a creation). */
export interface ChangeLine {
  key: string;
  field: string;
  from: string | null;
  to: string | null;
  /** The stored change is not `{ from, to }`: shown as unknown. */
  unknown?: true;
}

/** What the entry is about and what its ids stand for: names and currencies instead of raw values. */
export interface ChangeContext {
  subject?: { type: string; id: string } | null;
  names?: NameBook;
}

// A value is shown in a line of the list: past this, the export has the rest.
const VALUE_TEXT_MAX = 200;

/** Fields whose stored name reads oddly in words. */
const FIELD_WORDS: Record<string, string> = {
  accountId: 'Account',
  fromAccountId: 'From account',
  toAccountId: 'To account',
  categoryId: 'Category',
  parentId: 'Parent category',
  createdBy: 'Recorded by',
  updatedBy: 'Changed by',
  openingBalanceMinor: 'Opening balance',
  sentMinor: 'Amount sent',
  receivedMinor: 'Amount received',
  sentCurrency: 'Currency sent',
  receivedCurrency: 'Currency received',
};

const ACCOUNT_FIELDS = new Set(['accountId', 'fromAccountId', 'toAccountId']);
const CATEGORY_FIELDS = new Set(['categoryId', 'parentId']);
const MEMBER_FIELDS = new Set(['createdBy', 'updatedBy', 'actorUid', 'uid']);

/**
 * Field changes in words, values as short text, empty as null: ids as names, amounts in their
 * currency, dates as the app writes them. Left out: fields that were and stay empty, and the
 * status of a status change (the action's words say it).
 */
export function changeLines(changes: ActivityRow['changes'], action: string | null = '', context: ChangeContext = {}): ChangeLine[] {
  const all = changes ?? {};
  const names = context.names ?? NO_NAMES;
  return Object.entries(all)
    .filter(([key]) => !(key === 'status' && action === ORDER_ACTIONS.statusChanged))
    .filter(([, change]) => change === null || !(isEmpty(change.from) && isEmpty(change.to)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, change]): ChangeLine => {
      const field = fieldWords(key);
      if (change === null) return { key, field, from: null, to: null, unknown: true };
      const text = (value: unknown) => valueText(key, value, all, context.subject ?? null, names);
      return { key, field, from: text(change.from), to: text(change.to) };
    });
}

/** "amountMinor" → "Amount", "accountId" → "Account", "firstDate" → "First date". */
export function fieldWords(key: string): string {
  return FIELD_WORDS[key] ?? sentenceCase(key.replace(/Minor$/, '').replace(/(.)Id$/, '$1'));
}

function valueText(key: string, value: unknown, changes: NonNullable<ActivityRow['changes']>, subject: ChangeContext['subject'], names: NameBook): string | null {
  if (isEmpty(value)) return null;
  if (typeof value === 'string') {
    if (ACCOUNT_FIELDS.has(key)) return clip(accountName(names, value));
    if (CATEGORY_FIELDS.has(key)) return clip(categoryName(names, value));
    if (MEMBER_FIELDS.has(key)) return clip(memberName(names, value) ?? value);
    if (isIsoDateTime(value)) return formatDateTime(value);
    if (isCalendarDate(value)) return formatCalendarDate(value);
    return clip(value);
  }
  if (typeof value === 'number' && key.endsWith('Minor')) {
    const currency = currencyOf(key, changes, subject ?? null, names);
    return currency ? formatMoney(value, currency) : `${value} (minor units, currency unknown)`;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (isTimestamp(value)) return formatDateTime(value.toDate());
  // A failure or refusal ({ code, message }): its words, which are meant for people.
  if (isWorded(value)) return clip(value.message);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return clip(value.join(', '));
  return clip(JSON.stringify(value) ?? String(value));
}

/**
 * The currency of an amount field: its own currency field (`sentMinor` → `sentCurrency`), the
 * entry's currency, its account's, a budget's (`{categoryId}_{currency}`), or the expense's.
 */
function currencyOf(key: string, changes: NonNullable<ActivityRow['changes']>, subject: ChangeContext['subject'], names: NameBook): string | null {
  const changed = (field: string) => {
    const change = changes[field];
    const value = change?.to ?? change?.from;
    return typeof value === 'string' && value ? value : null;
  };
  const account = (id: string | null) => (id ? (names.accounts?.get(id)?.currency ?? null) : null);
  const own = changed(`${key.replace(/Minor$/, '')}Currency`) ?? changed('currency');
  if (own) return own;
  if (subject?.type === 'account') return account(subject.id);
  if (subject?.type === 'budget') return /_([A-Z]{3})$/.exec(subject.id)?.[1] ?? null;
  return account(changed('accountId')) ?? (subject?.type === 'expense' ? (names.expenseCurrencies.get(subject.id) ?? null) : null);
}

const clip = (text: string) => clipText(text, VALUE_TEXT_MAX);

function isWorded(value: unknown): value is { message: string } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function isTimestamp(value: unknown): value is { toDate(): Date } {
  return typeof value === 'object' && value !== null && typeof (value as { toDate?: unknown }).toDate === 'function';
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
