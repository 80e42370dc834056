import type { ActivityEntry } from '@maestro/contracts';
import { ORDER_ACTIONS } from '@maestro/contracts';
import { sentenceCase } from './activity-actions';

/** One changed field, old → new, as text. `from` is null when there was nothing (a creation). */
export interface ChangeLine {
  key: string;
  field: string;
  from: string | null;
  to: string | null;
}

/**
 * Field changes in words, values as short text, empty as null. Left out: fields that were and
 * stay empty, and the status of a status change (the action's words say it).
 */
export function changeLines(changes: ActivityEntry['changes'], action = ''): ChangeLine[] {
  return Object.entries(changes ?? {})
    .filter(([key]) => !(key === 'status' && action === ORDER_ACTIONS.statusChanged))
    .filter(([, change]) => !(isEmpty(change?.from) && isEmpty(change?.to)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, change]) => ({ key, field: fieldWords(key), from: valueText(change.from), to: valueText(change.to) }));
}

/** "amountMinor" → "Amount (minor units)": the log keeps amounts without their currency. */
function fieldWords(key: string): string {
  const words = sentenceCase(key.replace(/Minor$/, '').replace(/Id$/, ' id'));
  return key.endsWith('Minor') ? `${words} (minor units)` : words;
}

function valueText(value: unknown): string | null {
  if (isEmpty(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isTimestamp(value)) return value.toDate().toISOString();
  return JSON.stringify(value);
}

function isTimestamp(value: unknown): value is { toDate(): Date } {
  return typeof value === 'object' && value !== null && typeof (value as { toDate?: unknown }).toDate === 'function';
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';
