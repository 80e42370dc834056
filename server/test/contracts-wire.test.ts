// Names and words that leave the code: headers and socket events independent clients use, action
// names stored in activity entries (renaming one orphans the entries already written: a migration,
// not an edit), the HTTP status of each order error, and the words staff read for statuses, saga
// steps and refusals. The SPA and the API share these constants, so only a test says when one moved.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BUDGETS_ADMIN_ONLY,
  CATEGORY_DELETE_ADMIN_ONLY,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IMPORT_ALREADY_UNDONE,
  IMPORT_UNDO_AUTHOR_ONLY,
  MERGE_ADMIN_ONLY,
  OPENING_BALANCE_ADMIN_ONLY,
  ORDER_ERROR_STATUS,
  ORDER_PAGE_BYTES_MAX,
  ORDER_STATUS_WORDS,
  SAGA_ACTIONS,
  SAGA_STEP_WORDS,
  SESSION_ENDED_EVENT,
  SESSION_REFRESH_MESSAGE,
  SESSION_REFRESH_REQUIRED_EVENT,
  SYNC_REQUIRED_EVENT,
  TEAM_INVITE_LINK_SENT,
  TEAM_MEMBER_ONBOARDED,
  WELCOME_PAGE_PATH,
} from '@maestro/contracts';

describe('what independent clients send and receive', () => {
  test('the headers of placing an order', () => {
    assert.equal(IDEMPOTENCY_KEY_HEADER, 'Idempotency-Key');
    assert.equal(IDEMPOTENT_REPLAYED_HEADER, 'Idempotent-Replayed');
  });
  test('the socket’s session and resync events', () => {
    assert.deepEqual([SYNC_REQUIRED_EVENT, SESSION_REFRESH_REQUIRED_EVENT, SESSION_REFRESH_MESSAGE, SESSION_ENDED_EVENT], [
      'sync:required',
      'session:refresh_required',
      'session:refresh',
      'session:ended',
    ]);
  });
  test('an invite link opens /welcome; a page of orders is at most 1 MiB', () => {
    assert.equal(WELCOME_PAGE_PATH, 'welcome');
    assert.equal(ORDER_PAGE_BYTES_MAX, 1_048_576);
  });
  test('each order error’s HTTP status', () => {
    assert.deepEqual(ORDER_ERROR_STATUS, {
      menu_item_not_found: 404,
      menu_item_unavailable: 409,
      currency_mismatch: 422,
      payment_declined: 402,
      payment_unavailable: 503,
      out_of_stock: 409,
      inventory_unavailable: 503,
      delivery_unavailable: 503,
      delivery_address_unserved: 422,
      order_not_found: 404,
      order_item_not_found: 404,
      illegal_transition: 409,
      order_not_editable: 409,
      order_cancelled: 409,
      idempotency_key_reused: 422,
      request_in_progress: 409,
      interrupted: 503,
      order_too_large: 400,
    });
  });
});

describe('action names stored in activity entries', () => {
  test('the saga’s steps: done, failed, undone', () => {
    assert.deepEqual(SAGA_ACTIONS, {
      menu: { done: 'ORDER_MENU_CHECKED', failed: 'ORDER_MENU_CHECK_FAILED', compensated: null },
      payment: { done: 'ORDER_PAYMENT_AUTHORIZED', failed: 'ORDER_PAYMENT_FAILED', compensated: 'ORDER_PAYMENT_REFUNDED' },
      inventory: { done: 'ORDER_INVENTORY_RESERVED', failed: 'ORDER_INVENTORY_FAILED', compensated: 'ORDER_INVENTORY_RESTORED' },
      delivery: { done: 'ORDER_DELIVERY_SCHEDULED', failed: 'ORDER_DELIVERY_FAILED', compensated: 'ORDER_DELIVERY_CANCELLED' },
    });
  });
  test('the team’s', () => {
    assert.deepEqual([TEAM_MEMBER_ONBOARDED, TEAM_INVITE_LINK_SENT], ['TEAM_MEMBER_ONBOARDED', 'TEAM_INVITE_LINK_SENT']);
  });
});

describe('words staff read', () => {
  test('each status as the board and the kitchen name it', () => {
    assert.deepEqual(ORDER_STATUS_WORDS, {
      PENDING: 'Being placed',
      CONFIRMED: 'New',
      PREPARING: 'Preparing',
      READY: 'Ready',
      OUT_FOR_DELIVERY: 'Out for delivery',
      SERVED: 'Served',
      DELIVERED: 'Delivered',
      CANCELLED: 'Cancelled',
      FAILED: 'Failed',
    });
  });
  test('each saga step in an order’s history', () => {
    assert.deepEqual(SAGA_STEP_WORDS, {
      ORDER_MENU_CHECKED: 'Menu checked',
      ORDER_MENU_CHECK_FAILED: 'Menu check failed',
      ORDER_PAYMENT_AUTHORIZED: 'Payment authorized',
      ORDER_PAYMENT_FAILED: 'Payment failed',
      ORDER_PAYMENT_REFUNDED: 'Payment refunded',
      ORDER_INVENTORY_RESERVED: 'Stock reserved',
      ORDER_INVENTORY_FAILED: 'Stock reservation failed',
      ORDER_INVENTORY_RESTORED: 'Stock put back',
      ORDER_DELIVERY_SCHEDULED: 'Courier booked',
      ORDER_DELIVERY_FAILED: 'Courier booking failed',
      ORDER_DELIVERY_CANCELLED: 'Courier cancelled',
    });
  });
  test('refusals that say who may', () => {
    assert.deepEqual(
      [BUDGETS_ADMIN_ONLY, OPENING_BALANCE_ADMIN_ONLY, CATEGORY_DELETE_ADMIN_ONLY, MERGE_ADMIN_ONLY, IMPORT_UNDO_AUTHOR_ONLY, IMPORT_ALREADY_UNDONE],
      [
        'Only admins set budgets.',
        'Only admins change an opening balance after the account is created.',
        'Only admins delete categories.',
        'Only an admin can merge duplicates.',
        'Only the member who imported these expenses or an admin can undo this import.',
        'This import was already undone: its expenses are no longer in the list.',
      ],
    );
  });
});
