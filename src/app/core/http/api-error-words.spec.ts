import { API_ERROR_CODES, ORDER_ERROR_CODES, ORDER_ERROR_STATUS, ORDER_STATUSES } from '@maestro/contracts';
import { apiErrorWords, isExpectedRefusalStatus, type ApiRefusal } from './api-error-words';

const ORDER_ID = '3DsADvCrFOTVY5TNQzcI';

/** What the server sends for each code (server/src: the real sentences, ids and codes included). */
const SERVER_SAYS: Record<string, ApiRefusal> = {
  bad_request: { status: 400, code: 'bad_request', message: 'cursor is not valid; start again from the first page.' },
  validation_failed: {
    status: 400,
    code: 'validation_failed',
    message: 'The order is not valid. Fix these and try again: items.0.quantity: Number must be less than or equal to 99',
    extra: { details: [{ path: 'items.0.quantity', message: 'Number must be less than or equal to 99' }] },
  },
  unauthenticated: { status: 401, code: 'unauthenticated', message: "Sign in first: send your Firebase ID token in the header 'Authorization: Bearer <token>'." },
  token_expired: { status: 401, code: 'token_expired', message: 'Your session has expired; sign in again.' },
  forbidden: { status: 403, code: 'forbidden', message: `Order ${ORDER_ID} is SERVED: it is a sales record, and only an administrator deletes those.` },
  not_a_member: { status: 403, code: 'not_a_member', message: 'This account (x@y.test) has no access to this Maestro workspace; ask an administrator to invite it.' },
  not_found: { status: 404, code: 'not_found', message: 'No Maestro account has the id u123. It may have been deleted.' },
  conflict: { status: 409, code: 'conflict', message: 'Someone changed it at the same time; try again.' },
  payload_too_large: { status: 413, code: 'payload_too_large', message: 'The request body is too large. Send less data in one request.' },
  unavailable: { status: 503, code: 'unavailable', message: 'We could not check your sign-in right now; try again in a moment.' },
  rate_limited: { status: 429, code: 'rate_limited', message: 'Too many changes from your account (at most 300 a minute). Wait 12 s, then try again.' },
  internal: { status: 500, code: 'internal', message: 'Something went wrong on our side. Try again; if it keeps happening, report the request id.' },
  email_taken: { status: 409, code: 'email_taken', message: 'ada@maestro.test already has a Maestro account.' },
  self_protected: { status: 409, code: 'self_protected', message: 'You cannot delete your own account.' },
  already_joined: { status: 409, code: 'already_joined', message: 'Ada has chosen a password already, so an invite link would change nothing; they sign in with it.' },
  member_disabled: { status: 409, code: 'member_disabled', message: 'Ada is disabled, so a link would not let them in. Enable the account first, then send a new link.' },
  idempotency_key_required: { status: 400, code: 'idempotency_key_required', message: 'Send an Idempotency-Key header (a new random id per order, e.g. a UUID, kept across retries of that order), so a retry never places it twice.' },
  menu_item_not_found: { status: 404, code: 'menu_item_not_found', message: 'There is no menu item burger-classic.' },
  menu_item_unavailable: { status: 409, code: 'menu_item_unavailable', message: 'Classic burger is not available right now.' },
  currency_mismatch: { status: 422, code: 'currency_mismatch', message: 'Classic burger is priced in EUR; this order is in USD.' },
  payment_declined: { status: 402, code: 'payment_declined', message: 'The card was declined for $12.00. Ask for another card.', extra: { orderId: ORDER_ID, currentStatus: 'FAILED' } },
  payment_unavailable: { status: 503, code: 'payment_unavailable', message: 'The payment provider did not answer; nothing was charged. Try again.' },
  out_of_stock: { status: 409, code: 'out_of_stock', message: 'Not enough Fries left (2 left, 5 asked).' },
  inventory_unavailable: { status: 503, code: 'inventory_unavailable', message: 'Stock could not be checked; try again.' },
  delivery_unavailable: { status: 503, code: 'delivery_unavailable', message: 'No courier could be booked right now; try again.' },
  delivery_address_unserved: { status: 422, code: 'delivery_address_unserved', message: 'No courier delivers to 99999; choose another address.' },
  order_not_found: { status: 404, code: 'order_not_found', message: `There is no order ${ORDER_ID}. It may have been deleted.` },
  order_item_not_found: { status: 404, code: 'order_item_not_found', message: `Order ${ORDER_ID} has no item i1.`, extra: { orderId: ORDER_ID } },
  illegal_transition: {
    status: 409,
    code: 'illegal_transition',
    message: `Order ${ORDER_ID} is PREPARING and cannot become PREPARING. It can go to READY, CANCELLED.`,
    extra: { orderId: ORDER_ID, currentStatus: 'PREPARING', allowedStatuses: ['READY', 'CANCELLED'] },
    attemptedStatus: 'PREPARING',
  },
  order_not_editable: { status: 409, code: 'order_not_editable', message: `Order ${ORDER_ID} is READY: its items can no longer change.`, extra: { orderId: ORDER_ID, currentStatus: 'READY' } },
  order_cancelled: { status: 409, code: 'order_cancelled', message: 'The order was cancelled while it was being placed; nothing stays charged or reserved.', extra: { orderId: ORDER_ID, currentStatus: 'CANCELLED' } },
  idempotency_key_reused: { status: 422, code: 'idempotency_key_reused', message: `This Idempotency-Key was used for order ${ORDER_ID} with another body.`, extra: { orderId: ORDER_ID } },
  request_in_progress: { status: 409, code: 'request_in_progress', message: 'The first request with this Idempotency-Key is still placing the order; retry in a moment.' },
  interrupted: { status: 503, code: 'interrupted', message: 'Another API instance took over placing this order; check its status in a moment.', extra: { orderId: ORDER_ID } },
  order_too_large: { status: 400, code: 'order_too_large', message: `That would bring order ${ORDER_ID} to $10,400.00; an order may come to at most $10,000.00. Start a new order for the rest.`, extra: { orderId: ORDER_ID } },
};

describe('apiErrorWords', () => {
  describe('every code the API sends', () => {
    for (const code of [...API_ERROR_CODES, ...ORDER_ERROR_CODES]) {
      it(`${code}: a sentence without codes, statuses or full order ids`, () => {
        const refusal = SERVER_SAYS[code];
        expect(refusal).withContext(`add what the server says for ${code}`).toBeDefined();
        const words = apiErrorWords(refusal!);
        expect(words).toMatch(/^(?:[A-Z#“]|\S+@).*[.!?]$/s);
        expect(words).not.toContain(ORDER_ID);
        expect(words).not.toMatch(/\b[a-z]+_[a-z_]+\b/); // no snake_case codes
        for (const status of ORDER_STATUSES) expect(words).not.toMatch(new RegExp(`\\b${status}\\b`));
        expect(words).not.toContain('Idempotency-Key');
        expect(words).not.toContain('Authorization');
      });
    }
  });

  it('says who was quicker when two people press Start on one order', () => {
    expect(apiErrorWords(SERVER_SAYS['illegal_transition']!)).toBe('Someone already started #3DSADV; it is now Preparing.');
  });

  it('says where a moved order is and where it can go when the move no longer fits', () => {
    const words = apiErrorWords({
      status: 409,
      code: 'illegal_transition',
      message: '',
      extra: { orderId: ORDER_ID, currentStatus: 'READY', allowedStatuses: ['PREPARING', 'SERVED', 'CANCELLED'] },
      attemptedStatus: 'PREPARING',
    });
    // READY → PREPARING is a recall, legal; here the move asked for was not: the words still read right.
    expect(words).toContain('Order #3DSADV is now Ready');
    expect(words).toContain('Preparing, Served or Cancelled');
  });

  it('says a final order stays as it is', () => {
    const words = apiErrorWords({
      status: 409,
      code: 'illegal_transition',
      message: '',
      extra: { orderId: ORDER_ID, currentStatus: 'CANCELLED', allowedStatuses: [] },
      attemptedStatus: 'READY',
    });
    expect(words).toBe('Order #3DSADV is now Cancelled, so it cannot be marked ready: nothing more happens to it.');
  });

  it('words a conflict without the order or the move it was (an odd body) and still reads', () => {
    expect(apiErrorWords({ status: 409, code: 'illegal_transition', message: 'x', extra: {} })).toBe(
      'This order cannot make that move any more: someone changed it. Reload to see where it is.',
    );
  });

  it('names fields of a refused form in words, line by line', () => {
    expect(apiErrorWords(SERVER_SAYS['validation_failed']!)).toBe(
      'Some of what was entered was not accepted. Line 1 quantity: Number must be less than or equal to 99.',
    );
  });

  it('keeps the server words that help (dish names, money), with the short number', () => {
    expect(apiErrorWords(SERVER_SAYS['order_too_large']!)).toBe(
      'That would bring order #3DSADV to $10,400.00; an order may come to at most $10,000.00. Start a new order for the rest.',
    );
    expect(apiErrorWords(SERVER_SAYS['order_not_editable']!)).toBe('Order #3DSADV is Ready: its items can no longer change.');
    expect(apiErrorWords(SERVER_SAYS['out_of_stock']!)).toBe('Not enough Fries left (2 left, 5 asked).');
  });

  it('falls back to a sentence by status when the server sent no words', () => {
    expect(apiErrorWords({ status: 502, code: 'something_new', message: '' })).toContain('Try again in a moment');
    expect(apiErrorWords({ status: 409, code: 'something_new', message: '' })).toContain('Reload the page');
  });

  it('counts 4xx as expected refusals, 5xx and network failures as problems', () => {
    for (const code of ORDER_ERROR_CODES) {
      expect(isExpectedRefusalStatus(ORDER_ERROR_STATUS[code])).toBe(ORDER_ERROR_STATUS[code] < 500);
    }
    expect(isExpectedRefusalStatus(409)).toBeTrue();
    expect(isExpectedRefusalStatus(500)).toBeFalse();
    expect(isExpectedRefusalStatus(0)).toBeFalse();
  });
});
