import { ORDER_ACTIONS } from '@maestro/contracts';
import { clipText } from '../../shared/clip-text';
import { sentenceCase } from './activity-actions';
import type { ActivityRow } from './activity-entry';

/** One changed field, old → new, as text. `from` is null when there was nothing (a creation). */
export interface ChangeLine {
  key: string;
  field: string;
  from: string | null;
  to: string | null;
  /** The stored change is not `{ from, to }`: shown as unknown. */
  unknown?: true;
}

// A value is shown in a line of the list: past this, the export has the rest.
const VALUE_TEXT_MAX = 200;

/**
 * Field changes in words, values as short text, empty as null. Left out: fields that were and
 * stay empty, and the status of a status change (the action's words say it).
 */
export function changeLines(changes: ActivityRow['changes'], action: string | null = ''): ChangeLine[] {
  return Object.entries(changes ?? {})
    .filter(([key]) => !(key === 'status' && action === ORDER_ACTIONS.statusChanged))
    .filter(([, change]) => change === null || !(isEmpty(change.from) && isEmpty(change.to)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, change]): ChangeLine => {
      const field = fieldWords(key);
      if (change === null) return { key, field, from: null, to: null, unknown: true };
      return { key, field, from: valueText(change.from), to: valueText(change.to) };
    });
}

/** "amountMinor" → "Amount (minor units)": the log keeps amounts without their currency. */
function fieldWords(key: string): string {
  const words = sentenceCase(key.replace(/Minor$/, '').replace(/Id$/, ' id'));
  return key.endsWith('Minor') ? `${words} (minor units)` : words;
}

function valueText(value: unknown): string | null {
  if (isEmpty(value)) return null;
  if (typeof value === 'string') return clipText(value, VALUE_TEXT_MAX);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isTimestamp(value)) return value.toDate().toISOString();
  // A failure or refusal ({ code, message }): its words, which are meant for people.
  if (isWorded(value)) return clipText(value.message, VALUE_TEXT_MAX);
  return clipText(JSON.stringify(value) ?? String(value), VALUE_TEXT_MAX);
}

function isWorded(value: unknown): value is { message: string } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function isTimestamp(value: unknown): value is { toDate(): Date } {
  return typeof value === 'object' && value !== null && typeof (value as { toDate?: unknown }).toDate === 'function';
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';
