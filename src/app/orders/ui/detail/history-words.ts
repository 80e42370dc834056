// The activity log of an order in words staff use: "Status Preparing → Ready", "Total: $12.50 → $25.00".
// The log may hold odd entries (written by hand, by older code): the API sends what it cannot read
// as null or a marker, and each such part reads "unknown" here while the rest of the entry shows.
import { ORDER_ACTIONS, SAGA_STEP_WORDS, isHistoryValueMarker, isOrderStatus, type OrderHistoryEntry, type OrderType } from '@maestro/contracts';
import { clipText } from '../../../shared/clip-text';
import { formatMoney } from '../../../shared/money';
import { STATUS_LABEL } from '../../model/order-labels';

const ACTION_WORDS: Record<string, string> = {
  [ORDER_ACTIONS.created]: 'Placed',
  [ORDER_ACTIONS.updated]: 'Details changed',
  [ORDER_ACTIONS.deleted]: 'Deleted',
  [ORDER_ACTIONS.itemAdded]: 'Item added',
  [ORDER_ACTIONS.itemUpdated]: 'Item changed',
  [ORDER_ACTIONS.itemRemoved]: 'Item removed',
  [ORDER_ACTIONS.paymentReauthorized]: 'Extra payment authorized',
  [ORDER_ACTIONS.paymentReauthorizationDeclined]: 'Extra payment declined: order unchanged',
  [ORDER_ACTIONS.paymentReauthorizationVoided]: 'Extra payment released',
  ...SAGA_STEP_WORDS,
};

const TYPE_WORDS: Record<OrderType, string> = { 'dine-in': 'Dine-in', takeaway: 'Takeaway', delivery: 'Delivery' };

const FIELD_WORDS: Record<string, string> = {
  type: 'Type',
  table: 'Table',
  address: 'Address',
  customerName: 'Customer',
  notes: 'Notes',
  status: 'Status',
  currency: 'Currency',
  subtotalMinor: 'Subtotal',
  taxMinor: 'Tax',
  serviceMinor: 'Service',
  totalMinor: 'Total',
  itemCount: 'Dishes',
  failure: 'Failure',
  items: 'Items',
  quantity: 'Quantity',
  error: 'Error',
  extraAuthorizationMinor: 'Extra amount',
  authorizedMinor: 'Held on card',
  reason: 'Reason',
};

export const UNKNOWN = 'unknown';

// A value is shown in a line of the timeline; an action name or id longer than this is not one.
const VALUE_TEXT_MAX = 200;
const NAME_MAX = 80;

/** "Status Preparing → Ready", "Placed", "Item added"; an action we do not know yet, in plain case. */
export function actionWords(entry: Pick<OrderHistoryEntry, 'action' | 'changes'>): string {
  if (typeof entry.action !== 'string' || !entry.action) return 'Unknown action';
  if (entry.action === ORDER_ACTIONS.statusChanged) {
    const status = entry.changes?.['status'];
    return isObject(status) ? `Status ${statusWord(status['from'])} → ${statusWord(status['to'])}` : `Status ${UNKNOWN}`;
  }
  return own(ACTION_WORDS, entry.action) ?? clipText(sentenceCase(entry.action.replace(/^ORDER_/, '')), NAME_MAX);
}

/** Who did it: their name, else the email, "System" for the API itself, "unknown" when the entry does not say. */
export function actorWords(actor: OrderHistoryEntry['actor']): string {
  if (!isObject(actor)) return UNKNOWN;
  if (typeof actor['name'] === 'string' && actor['name']) return clipText(actor['name'], NAME_MAX);
  if (typeof actor['email'] === 'string' && actor['email']) return clipText(actor['email'], NAME_MAX);
  const uid = typeof actor['uid'] === 'string' ? actor['uid'] : '';
  return uid === 'system' || !uid ? 'System' : clipText(uid, NAME_MAX);
}

export interface ChangeLine {
  field: string;
  /** "—" when there was nothing (a creation). */
  from: string;
  to: string;
}

export interface ChangeContext {
  currency: string;
  /** Dish names by menu item id (ids are what the log keeps). */
  dishNames: ReadonlyMap<string, string>;
}

/** Bookkeeping, not news: the version, and the currency and subtotal (the total says it all). */
const QUIET_FIELDS = ['version', 'currency', 'subtotalMinor'];

/**
 * The field changes worth reading, old → new. Left out: bookkeeping, the status of a status
 * change (the action says it), and fields that were and stay empty. Unreadable changes (null)
 * give no lines: the timeline says "Changes unknown".
 */
export function changeLines(entry: Pick<OrderHistoryEntry, 'action' | 'changes'>, context: ChangeContext): ChangeLine[] {
  if (!isObject(entry.changes)) return [];
  return Object.entries(entry.changes).flatMap(([key, stored]) => {
    if (QUIET_FIELDS.includes(key)) return [];
    if (key === 'status' && entry.action === ORDER_ACTIONS.statusChanged) return [];
    const field = clipText(fieldWords(key), NAME_MAX);
    if (!isObject(stored)) return [{ field, from: UNKNOWN, to: UNKNOWN }];
    const change = stored as { from?: unknown; to?: unknown };
    if (isEmpty(change.from) && isEmpty(change.to)) return [];
    return [{ field, from: valueWords(key, change.from, context), to: valueWords(key, change.to, context) }];
  });
}

function fieldWords(key: string): string {
  const parts = key.split('.');
  if (parts[0] === 'items' && parts.length === 2) return 'Item';
  if (parts[0] === 'items' && parts.length === 3) return parts[2] === 'notes' ? 'Instructions' : (own(FIELD_WORDS, parts[2]!) ?? sentenceCase(parts[2]!));
  if (parts[0] === 'steps' && parts[1]) return parts[2] === 'compensation' ? `${sentenceCase(parts[1])} undone` : sentenceCase(parts[1]);
  return own(FIELD_WORDS, key) ?? sentenceCase(key.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

function valueWords(key: string, value: unknown, context: ChangeContext): string {
  return clipText(valueText(key, value, context), VALUE_TEXT_MAX);
}

function valueText(key: string, value: unknown, context: ChangeContext): string {
  if (isEmpty(value)) return '—';
  if (isHistoryValueMarker(value)) return 'unknown' in value ? UNKNOWN : `too large to show (${sizeWords(value.bytes)})`;
  const last = key.split('.').at(-1)!;
  if (typeof value === 'number' && last.endsWith('Minor')) return formatMoney(value, context.currency);
  if (last === 'status' && isOrderStatus(value)) return STATUS_LABEL[value];
  if (last === 'type' && typeof value === 'string' && Object.hasOwn(TYPE_WORDS, value)) return TYPE_WORDS[value as OrderType];
  if (Array.isArray(value)) return value.map((item) => valueText('item', item, context)).join(', ');
  if (typeof value === 'object') return objectWords(value as Record<string, unknown>, context);
  return String(value);
}

/** The shapes the log keeps: an address, a failure or refusal ({ code, message }), a line ({ menuItemId, quantity, notes }). */
function objectWords(value: Record<string, unknown>, context: ChangeContext): string {
  if (typeof value['street'] === 'string') {
    return [value['street'], `${String(value['postalCode'] ?? '')} ${String(value['city'] ?? '')}`.trim()].join(', ');
  }
  if (typeof value['message'] === 'string') return value['message'];
  if (typeof value['menuItemId'] === 'string') {
    const name = context.dishNames.get(value['menuItemId']) ?? value['menuItemId'];
    const notes = typeof value['notes'] === 'string' && value['notes'] ? ` (${value['notes']})` : '';
    return `${String(value['quantity'] ?? 1)}× ${name}${notes}`;
  }
  return JSON.stringify(value);
}

function statusWord(value: unknown): string {
  if (isOrderStatus(value)) return STATUS_LABEL[value];
  return value === null || value === undefined ? '—' : UNKNOWN;
}

/** 921,601 → "900 KB". */
function sizeWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** A word from a table: only its own entries (an action named "constructor" is not in it). */
function own(words: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(words, key) ? words[key] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';
const sentenceCase = (text: string) => {
  const words = text.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
