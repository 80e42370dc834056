// The request hash behind Idempotency-Key (server/src/orders/idempotency.ts): a retry of the same
// order hashes the same however its JSON is laid out; any change of any field, at any depth,
// hashes differently, so a reused key never replays another order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { Firestore } from 'firebase-admin/firestore';
import { IDEMPOTENCY_TTL_MS, idempotencyRef, requestHash } from '../src/orders/idempotency';
import { oneFieldChanged, type FieldChange } from './support/one-field-changed';

const items = [{ menuItemId: 'burger', quantity: 1, notes: 'no onions' }];
const atTable = { type: 'dine-in', table: '4', customerName: 'Ada', notes: 'window', items };

describe('requestHash', () => {
  test('is a SHA-256 in hex, the same for the same request whatever its key order', () => {
    assert.match(requestHash(atTable), /^[0-9a-f]{64}$/);
    const reordered = {
      items: [{ notes: 'no onions', quantity: 1, menuItemId: 'burger' }],
      notes: 'window',
      customerName: 'Ada',
      table: '4',
      type: 'dine-in',
    };
    assert.equal(requestHash(reordered), requestHash(atTable));
    assert.equal(requestHash({ ...atTable, extra: undefined }), requestHash(atTable), 'undefined is absent');
  });

  test('hashes one fixed text, so a retry still matches after the API is redeployed', () => {
    // Keys sorted at every depth, no spaces: the form stored hashes were made from.
    const text =
      '{"customerName":"Ada","items":[{"menuItemId":"burger","notes":"no onions","quantity":1},' +
      '{"menuItemId":"fries","quantity":2}],"notes":"window","table":"4","type":"dine-in"}';
    const body = { ...atTable, items: [...items, { quantity: 2, menuItemId: 'fries' }] };
    assert.equal(requestHash(body), createHash('sha256').update(text).digest('hex'));
  });

  test('a key is remembered for a day', () => {
    assert.equal(IDEMPOTENCY_TTL_MS, 86_400_000);
  });

  const changed: FieldChange[] = [
    ...oneFieldChanged('burger', 'fries'),
    ['type alone', atTable, { ...atTable, type: 'takeaway' }],
    ['table left out', atTable, { ...atTable, table: undefined }],
    ['items: the same line twice', atTable, { ...atTable, items: [...items, ...items] }],
    ['items: lines swapped', { ...atTable, items: [...items, { menuItemId: 'fries', quantity: 1 }] }, { ...atTable, items: [{ menuItemId: 'fries', quantity: 1 }, ...items] }],
  ];
  for (const [what, before, after] of changed) {
    test(`changes with ${what}`, () => {
      assert.notEqual(requestHash(after), requestHash(before));
    });
  }

  test('keeps types and nesting apart: 1 vs "1", null vs absent, [] vs {}, a key vs its value', () => {
    const hashes = [
      { quantity: 1 },
      { quantity: '1' },
      { quantity: null },
      {},
      { quantity: [] },
      { quantity: {} },
      { quantity: [1] },
      { 'quantity:1': true },
      { a: { b: 1 } },
      { 'a.b': 1 },
      [1, 2],
      [12],
      [[1], 2],
      '{"quantity":1}',
    ].map(requestHash);
    assert.equal(new Set(hashes).size, hashes.length);
  });
});

describe('idempotencyRef', () => {
  // A reference is only a path: no connection is made.
  const db = new Firestore({ projectId: 'demo-maestro-unit' });

  test('keys are per user: the document is sha256 of the uid and the key, in idempotencyKeys', () => {
    const ref = idempotencyRef(db, 'uid-1', 'order-7f3a');
    const id = createHash('sha256').update('uid-1\norder-7f3a').digest('hex');
    assert.equal(ref.path, `idempotencyKeys/${id}`);
    assert.notEqual(idempotencyRef(db, 'uid-2', 'order-7f3a').path, ref.path, 'another user');
    assert.notEqual(idempotencyRef(db, 'uid-1', 'order-7f3b').path, ref.path, 'another key');
  });
});
