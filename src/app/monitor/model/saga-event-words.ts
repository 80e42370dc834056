// An activity entry of a saga in words: "Status changed: New → Preparing", "Payment refunded".
// The codes stay in the log and the CSV; people read these.
import { ORDER_ACTIONS, ORDER_STATUS_WORDS, SAGA_STEP_WORDS, isOrderStatus } from '@maestro/contracts';

const ACTION_WORDS: Record<string, string> = {
  [ORDER_ACTIONS.created]: 'Order placed',
  [ORDER_ACTIONS.updated]: 'Order details changed',
  [ORDER_ACTIONS.statusChanged]: 'Status changed',
  [ORDER_ACTIONS.deleted]: 'Order deleted',
  [ORDER_ACTIONS.itemAdded]: 'Dish added',
  [ORDER_ACTIONS.itemUpdated]: 'Dish changed',
  [ORDER_ACTIONS.itemRemoved]: 'Dish removed',
  [ORDER_ACTIONS.paymentReauthorized]: 'Extra payment authorized',
  [ORDER_ACTIONS.paymentReauthorizationDeclined]: 'Extra payment declined',
  [ORDER_ACTIONS.paymentReauthorizationVoided]: 'Extra payment released',
  ...SAGA_STEP_WORDS,
};

/** "ORDER_STATUS_CHANGED" → "Status changed"; an action this page does not know in sentence case. */
export function sagaActionWords(action: string): string {
  const known = ACTION_WORDS[action];
  if (known) return known;
  const words = action.replace(/[_.]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Unknown action';
}

/** "New → Preparing" from an entry's `changes.status`; null when it has none (or an odd one). */
export function statusChangeWords(changes: unknown): string | null {
  const status = (changes as { status?: { from?: unknown; to?: unknown } } | null | undefined)?.status;
  if (typeof status !== 'object' || status === null) return null;
  const word = (value: unknown) => (isOrderStatus(value) ? ORDER_STATUS_WORDS[value] : value === null || value === undefined ? '—' : 'unknown');
  return `${word(status.from)} → ${word(status.to)}`;
}
