// The activity log of an order in words staff use: "Status Preparing → Ready", "Total: $12.50 → $25.00".
import { ORDER_ACTIONS, SAGA_ACTIONS, isOrderStatus, type OrderHistoryEntry, type OrderType } from '@maestro/contracts';
import { formatMoney } from '../../../shared/money';
import { STATUS_LABEL } from '../../model/order-labels';

const ACTION_WORDS: Record<string, string> = {
  [ORDER_ACTIONS.created]: 'Placed',
  [ORDER_ACTIONS.updated]: 'Details changed',
  [ORDER_ACTIONS.deleted]: 'Deleted',
  [ORDER_ACTIONS.itemAdded]: 'Item added',
  [ORDER_ACTIONS.itemUpdated]: 'Item changed',
  [ORDER_ACTIONS.itemRemoved]: 'Item removed',
  [SAGA_ACTIONS.menu.done]: 'Menu checked',
  [SAGA_ACTIONS.menu.failed]: 'Menu check failed',
  [SAGA_ACTIONS.payment.done]: 'Payment authorized',
  [SAGA_ACTIONS.payment.failed]: 'Payment failed',
  [SAGA_ACTIONS.payment.compensated!]: 'Payment refunded',
  [SAGA_ACTIONS.inventory.done]: 'Stock reserved',
  [SAGA_ACTIONS.inventory.failed]: 'Stock reservation failed',
  [SAGA_ACTIONS.inventory.compensated!]: 'Stock put back',
  [SAGA_ACTIONS.delivery.done]: 'Courier booked',
  [SAGA_ACTIONS.delivery.failed]: 'Courier booking failed',
  [SAGA_ACTIONS.delivery.compensated!]: 'Courier cancelled',
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
  totalMinor: 'Total',
  itemCount: 'Dishes',
  failure: 'Failure',
  items: 'Items',
  quantity: 'Quantity',
  error: 'Error',
};

/** "Status Preparing → Ready", "Placed", "Item added"; an action we do not know yet, in plain case. */
export function actionWords(entry: Pick<OrderHistoryEntry, 'action' | 'changes'>): string {
  if (entry.action === ORDER_ACTIONS.statusChanged) {
    const { from, to } = entry.changes['status'] ?? {};
    return `Status ${statusWord(from)} → ${statusWord(to)}`;
  }
  return ACTION_WORDS[entry.action] ?? sentenceCase(entry.action.replace(/^ORDER_/, ''));
}

/** Who did it: the email, "System" for the API itself. */
export function actorWords(actor: OrderHistoryEntry['actor']): string {
  if (actor.email) return actor.email;
  return actor.uid === 'system' || !actor.uid ? 'System' : actor.uid;
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
 * change (the action says it), and fields that were and stay empty.
 */
export function changeLines(entry: Pick<OrderHistoryEntry, 'action' | 'changes'>, context: ChangeContext): ChangeLine[] {
  return Object.entries(entry.changes).flatMap(([key, change]) => {
    if (QUIET_FIELDS.includes(key)) return [];
    if (key === 'status' && entry.action === ORDER_ACTIONS.statusChanged) return [];
    if (isEmpty(change.from) && isEmpty(change.to)) return [];
    const field = fieldWords(key);
    return [{ field, from: valueWords(key, change.from, context), to: valueWords(key, change.to, context) }];
  });
}

function fieldWords(key: string): string {
  const parts = key.split('.');
  if (parts[0] === 'items' && parts.length === 2) return 'Item';
  if (parts[0] === 'items' && parts.length === 3) return parts[2] === 'notes' ? 'Instructions' : (FIELD_WORDS[parts[2]!] ?? sentenceCase(parts[2]!));
  if (parts[0] === 'steps' && parts[1]) return parts[2] === 'compensation' ? `${sentenceCase(parts[1])} undone` : sentenceCase(parts[1]);
  return FIELD_WORDS[key] ?? sentenceCase(key.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

function valueWords(key: string, value: unknown, context: ChangeContext): string {
  if (isEmpty(value)) return '—';
  const last = key.split('.').at(-1)!;
  if (typeof value === 'number' && last.endsWith('Minor')) return formatMoney(value, context.currency);
  if (last === 'status' && isOrderStatus(value)) return STATUS_LABEL[value];
  if (last === 'type' && typeof value === 'string' && value in TYPE_WORDS) return TYPE_WORDS[value as OrderType];
  if (Array.isArray(value)) return value.map((item) => valueWords('item', item, context)).join(', ');
  if (typeof value === 'object') return objectWords(value as Record<string, unknown>, context);
  return String(value);
}

/** The shapes the log keeps: an address, a failure, a line ({ menuItemId, quantity, notes }). */
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
  return isOrderStatus(value) ? STATUS_LABEL[value] : String(value ?? '—');
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';
const sentenceCase = (text: string) => {
  const words = text.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
