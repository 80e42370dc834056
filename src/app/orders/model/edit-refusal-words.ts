// What a refused or failed edit of a placed order means, in words staff use: the order's number,
// not its id; the status as the board names it; who got there first. One place for these words, so
// they can follow the app-wide error words when those arrive. Pure functions.
import { ORDER_ITEMS_EDITABLE_IN, isOrderStatus, type ApiErrorDetail, type Order } from '@maestro/contracts';
import { ApiRequestError } from '../../core/http/api-error-message';
import { STATUS_LABEL, orderNumber } from './order-labels';

export type EditKind = 'details' | 'add' | 'change' | 'remove' | 'delete';

const WHAT: Record<EditKind, string> = {
  details: 'its details',
  add: 'its dishes',
  change: 'its dishes',
  remove: 'its dishes',
  delete: 'it',
};

/** The API's field names as the form labels them. */
const FIELD_WORDS: Record<string, string> = {
  customerName: 'Customer name',
  notes: 'Notes',
  table: 'Table',
  quantity: 'Quantity',
  menuItemId: 'Dish',
};

/** Why the edit did not happen, as a sentence; `order`: the order as this screen held it. */
export function editRefusalWords(error: unknown, kind: EditKind, order: Pick<Order, 'id'>, dishNames: ReadonlyMap<string, string> = new Map()): string {
  const number = orderNumber(order);
  if (!(error instanceof ApiRequestError)) return `${number} could not be changed. Try again.`;
  const status = error.extra['currentStatus'];
  switch (error.code) {
    case 'order_not_editable':
      if (isOrderStatus(status) && ORDER_ITEMS_EDITABLE_IN.includes(status) && kind === 'remove') {
        return `That is the last dish of ${number}: cancel the order instead.`;
      }
      return isOrderStatus(status)
        ? `Someone changed ${number} meanwhile: it is now ${STATUS_LABEL[status]}, so ${WHAT[kind]} can no longer change. Nothing was saved.`
        : `${number} can no longer change. Nothing was saved.`;
    case 'order_not_found':
      return `Someone deleted ${number} meanwhile. Nothing was saved.`;
    case 'order_item_not_found':
      return `Someone removed that dish from ${number} meanwhile. Nothing was saved.`;
    case 'forbidden':
      return kind === 'delete'
        ? `${number} is a sales record (served or delivered): only an administrator deletes it.`
        : `You may not change ${number}.`;
    case 'validation_failed': {
      const details = Array.isArray(error.extra['details']) ? (error.extra['details'] as ApiErrorDetail[]) : [];
      return details.length ? details.map(fieldSentence).join(' ') : inWords(error.message, order, number, dishNames);
    }
    default:
      return inWords(error.message, order, number, dishNames);
  }
}

/** "table: must not be empty" → "Table must not be empty." */
function fieldSentence(detail: ApiErrorDetail): string {
  const field = detail.path.split('.').pop() ?? '';
  const label = FIELD_WORDS[field];
  const words = label ? detail.message.replace(new RegExp(`^${field}\\b`), label) : detail.message;
  const sentence = words.charAt(0).toUpperCase() + words.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The API's own sentence, with the order's number for its id and dish names for dish ids. */
function inWords(message: string, order: Pick<Order, 'id'>, number: string, dishNames: ReadonlyMap<string, string>): string {
  let text = message.split(`order ${order.id}`).join(number).split(order.id).join(number);
  for (const [id, name] of dishNames) text = text.replace(new RegExp(`(?<![\\w-])${escape(id)}(?![\\w-])`, 'g'), name);
  return text;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
