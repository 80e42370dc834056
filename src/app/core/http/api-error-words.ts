// The one place an API refusal becomes the sentence a person reads. The server's own message is a
// sentence too, but it names orders by their full id and statuses by their codes
// ("Order 3DsADvCrFOTVY5TNQzcI is PREPARING and cannot become PREPARING"): here the order is
// the board's short number, statuses are the board's words, and a lost race says who won it.
import {
  ORDER_STATUSES,
  ORDER_STATUS_WORDS,
  isOrderStatus,
  shortOrderNumber,
  type ApiErrorDetail,
  type OrderStatus,
} from '@maestro/contracts';

export interface ApiRefusal {
  status: number;
  code: string;
  /** The server's own sentence (or ours, for a network failure). */
  message: string;
  /** What else the body carried: orderId, currentStatus, allowedStatuses, details… */
  extra?: Readonly<Record<string, unknown>>;
  /** The status the request asked the order to move to, when it was a move. */
  attemptedStatus?: OrderStatus | null;
}

/** "started #3DSADV": what someone did who moved the order to that status first. */
const DONE_BY_SOMEONE: Record<OrderStatus, (n: string) => string> = {
  PENDING: (n) => `placed ${n}`,
  CONFIRMED: (n) => `confirmed ${n}`,
  PREPARING: (n) => `started ${n}`,
  READY: (n) => `marked ${n} ready`,
  SERVED: (n) => `served ${n}`,
  OUT_FOR_DELIVERY: (n) => `sent ${n} out`,
  DELIVERED: (n) => `marked ${n} delivered`,
  CANCELLED: (n) => `cancelled ${n}`,
  FAILED: (n) => `failed ${n}`,
};

/** "cannot be started": the move asked for, in the passive. */
const MOVE_PASSIVE: Record<OrderStatus, string> = {
  PENDING: 'placed',
  CONFIRMED: 'confirmed',
  PREPARING: 'started',
  READY: 'marked ready',
  SERVED: 'served',
  OUT_FOR_DELIVERY: 'sent out',
  DELIVERED: 'marked delivered',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
};

export function apiErrorWords(refusal: ApiRefusal): string {
  const extra = refusal.extra ?? {};
  const orderId = typeof extra['orderId'] === 'string' ? extra['orderId'] : null;
  switch (refusal.code) {
    case 'illegal_transition':
      return moveRefused(orderId, statusOf(extra['currentStatus']), statusesOf(extra['allowedStatuses']), refusal.attemptedStatus ?? null);
    case 'validation_failed':
      return notAccepted(refusal.message, detailsOf(extra['details']), orderId);
    case 'unauthenticated':
      // The server's "send your token in the Authorization header" is for API clients, not people.
      return refusal.message.startsWith('Sign in first') ? 'You are signed out. Sign in again to continue.' : humanized(refusal.message, orderId);
    case 'idempotency_key_required':
      return 'The order was sent without its safety key, so it was not placed. Reload the page and place it again.';
    case 'idempotency_key_reused':
      return orderId
        ? `An earlier try already placed order ${shortOrderNumber(orderId)}. Check the board before you place it again.`
        : 'An earlier try already placed this order. Check the board before you place it again.';
    case 'request_in_progress':
      return 'An earlier try of this order is still being placed. Wait a moment, then check the board.';
    case 'interrupted':
      return `Placing ${orderId ? `order ${shortOrderNumber(orderId)}` : 'the order'} was taken over by another server after a restart. Check its status on the board in a moment.`;
    case 'payload_too_large':
      return 'That is too much to send at once. Shorten the text or send fewer lines, then try again.';
    case 'internal':
      return 'Something went wrong on our side. Try again; if it keeps happening, tell an admin.';
    case 'network':
    case 'unknown':
      return refusal.message;
    default:
      return capitalized(humanized(refusal.message, orderId)) || fallbackFor(refusal.status);
  }
}

/** Refusals a screen expects in normal use (someone was quicker, a rule said no): not bugs. */
export function isExpectedRefusalStatus(status: number): boolean {
  return status >= 400 && status < 500;
}

function moveRefused(orderId: string | null, now: OrderStatus | null, allowed: OrderStatus[], attempted: OrderStatus | null): string {
  const n = orderId ? shortOrderNumber(orderId) : 'this order';
  const N = orderId ? `Order ${n}` : 'This order';
  if (!now) return `${N} cannot make that move any more: someone changed it. Reload to see where it is.`;
  const nowWords = ORDER_STATUS_WORDS[now];
  if (attempted === now) return `Someone already ${DONE_BY_SOMEONE[now](n)}; it is now ${nowWords}.`;
  const cannot = attempted ? `so it cannot be ${MOVE_PASSIVE[attempted]}` : 'so it cannot make that move';
  if (!allowed.length) return `${N} is now ${nowWords}, ${cannot}: nothing more happens to it.`;
  return `${N} is now ${nowWords}, ${cannot}. From there it can go to ${orList(allowed.map((s) => ORDER_STATUS_WORDS[s]))}.`;
}

function notAccepted(message: string, details: ApiErrorDetail[], orderId: string | null): string {
  if (!details.length) return capitalized(humanized(message, orderId));
  const problems = details.map((detail) => `${fieldWords(detail.path)}: ${humanized(detail.message, orderId)}`);
  return `Some of what was entered was not accepted. ${problems.join('; ')}.`.replace(/\.\.$/, '.');
}

/** "items.0.quantity" → "Line 1 quantity"; "address.postalCode" → "Postal code". */
function fieldWords(path: string): string {
  if (path === '(root)') return 'The request';
  const parts = path.split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part === 'items' && next !== undefined && /^\d+$/.test(next)) {
      words.push(`line ${Number(next) + 1}`);
      i++;
    } else if (/^\d+$/.test(part)) {
      words.push(`#${Number(part) + 1}`);
    } else if (i === parts.length - 1 || parts.length === 1) {
      words.push(part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
    }
  }
  return capitalized(words.join(' '));
}

const STATUS_CODE = new RegExp(`\\b(${[...ORDER_STATUSES].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
// A Firestore auto-id (20 characters) after "order": shown as the board's short number.
const ORDER_WITH_ID = /\b([Oo]rder) ([A-Za-z0-9]{16,})\b/g;

/** The server's sentence with short order numbers and status words. */
export function humanized(message: string, orderId: string | null = null): string {
  let text = message.trim();
  if (orderId) text = text.split(orderId).join(shortOrderNumber(orderId));
  text = text.replace(ORDER_WITH_ID, (_all, word: string, id: string) => `${word} ${shortOrderNumber(id)}`);
  return text.replace(STATUS_CODE, (code: string) => ORDER_STATUS_WORDS[code as OrderStatus]);
}

function fallbackFor(status: number): string {
  if (status >= 500) return 'The Maestro API had a problem. Try again in a moment.';
  return 'That was refused. Reload the page and try again.';
}

function statusOf(value: unknown): OrderStatus | null {
  return isOrderStatus(value) ? value : null;
}

function statusesOf(value: unknown): OrderStatus[] {
  return Array.isArray(value) ? value.filter(isOrderStatus) : [];
}

function detailsOf(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (detail): detail is ApiErrorDetail =>
      typeof detail === 'object' && detail !== null && typeof detail.path === 'string' && typeof detail.message === 'string',
  );
}

function orList(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** "cursor is not valid" → "Cursor is not valid"; an email address at the start stays as written. */
const capitalized = (text: string) => (!text || /^\S+@/.test(text) ? text : text[0]!.toUpperCase() + text.slice(1));
