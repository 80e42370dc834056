import type { OrderHistoryEntry } from '@maestro/contracts';
import { actionWords, actorWords, changeLines, type ChangeContext } from './history-words';

const context: ChangeContext = { currency: 'USD', dishNames: new Map([['burger', 'Burger']]) };
const lines = (action: string, changes: OrderHistoryEntry['changes']) =>
  changeLines({ action, changes }, context).map(({ field, from, to }) => `${field}: ${from} → ${to}`);

describe('history words', () => {
  it('says what happened in staff words, and something readable for an action it does not know', () => {
    expect(actionWords({ action: 'ORDER_STATUS_CHANGED', changes: { status: { from: 'READY', to: 'PREPARING' } } })).toBe('Status Ready → Preparing');
    expect(actionWords({ action: 'ORDER_CREATED', changes: {} })).toBe('Placed');
    expect(actionWords({ action: 'ORDER_ITEM_ADDED', changes: {} })).toBe('Item added');
    expect(actionWords({ action: 'ORDER_PAYMENT_REFUNDED', changes: {} })).toBe('Payment refunded');
    expect(actionWords({ action: 'ORDER_TABLE_MERGED', changes: {} })).toBe('Table merged');
    expect(actionWords({ action: 'ORDER_PAYMENT_REAUTHORIZED', changes: {} })).toBe('Extra payment authorized');
    expect(actionWords({ action: 'ORDER_PAYMENT_REAUTHORIZATION_DECLINED', changes: {} })).toBe('Extra payment declined: order unchanged');
    expect(actionWords({ action: 'ORDER_PAYMENT_REAUTHORIZATION_VOIDED', changes: {} })).toBe('Extra payment released');
  });

  it('names the actor by email, and the API itself as System', () => {
    expect(actorWords({ uid: 'u1', email: 'sam@maestro.test' })).toBe('sam@maestro.test');
    expect(actorWords({ uid: 'u1', email: 'sam@maestro.test', name: 'Sam Staff' })).toBe('Sam Staff');
    expect(actorWords({ uid: 'system', email: null })).toBe('System');
  });

  it('writes each change old → new: money, lines by dish name, addresses, failures; bookkeeping left out', () => {
    expect(
      lines('ORDER_ITEM_ADDED', {
        'items.line-1': { from: null, to: { menuItemId: 'burger', quantity: 2, notes: 'no onions' } },
        totalMinor: { from: 1250, to: 3750 },
        version: { from: 3, to: 4 },
      }),
    ).toEqual(['Item: — → 2× Burger (no onions)', 'Total: $12.50 → $37.50']);
    expect(
      lines('ORDER_STATUS_CHANGED', {
        status: { from: 'PENDING', to: 'FAILED' },
        failure: { from: null, to: { code: 'payment_declined', message: 'Card declined.', step: 'payment' } },
      }),
    ).toEqual(['Failure: — → Card declined.']);
    expect(
      lines('ORDER_CREATED', {
        type: { from: null, to: 'delivery' },
        table: { from: null, to: null },
        address: { from: null, to: { street: '1 Harbour Road', city: 'Springfield', postalCode: '12345' } },
        currency: { from: null, to: 'USD' },
        customerName: { from: null, to: '' },
      }),
    ).toEqual(['Type: — → Delivery', 'Address: — → 1 Harbour Road, 12345 Springfield']);
    expect(lines('ORDER_UPDATED', { customerName: { from: 'Ada', to: 'Grace' } })).toEqual(['Customer: Ada → Grace']);
  });

  it('says what a paid edit did to the card, and why a step failed, in words (never a code alone)', () => {
    expect(
      lines('ORDER_PAYMENT_REAUTHORIZED', {
        extraAuthorizationMinor: { from: null, to: 60_000 },
        authorizedMinor: { from: 1000, to: 61_000 },
      }),
    ).toEqual(['Extra amount: — → $600.00', 'Held on card: $10.00 → $610.00']);
    expect(
      lines('ORDER_PAYMENT_REAUTHORIZATION_DECLINED', {
        extraAuthorizationMinor: { from: null, to: 594_000 },
        reason: { from: null, to: { code: 'payment_declined', message: 'The card was declined for the extra amount.' } },
      }),
    ).toEqual(['Extra amount: — → $5,940.00', 'Reason: — → The card was declined for the extra amount.']);
    expect(lines('ORDER_PAYMENT_REAUTHORIZATION_VOIDED', { extraAuthorizationMinor: { from: 12_000, to: null } })).toEqual(['Extra amount: $120.00 → —']);
    expect(
      lines('ORDER_PAYMENT_FAILED', {
        'steps.payment.status': { from: 'running', to: 'failed' },
        error: { from: null, to: { code: 'payment_unavailable', message: 'The payment service failed.' } },
      }),
    ).toEqual(['Payment: running → failed', 'Error: — → The payment service failed.']);
  });

  it('reads "unknown" for what an odd entry lacks, and "too large" for what the API truncated, never throwing', () => {
    expect(actionWords({ action: null, changes: {} })).toBe('Unknown action');
    expect(actionWords({ action: 'ORDER_STATUS_CHANGED', changes: null })).toBe('Status unknown');
    expect(actionWords({ action: 'ORDER_STATUS_CHANGED', changes: { status: { from: 'READY', to: { unknown: true } } } })).toBe('Status Ready → unknown');
    expect(actionWords({ action: 'ORDER_STATUS_CHANGED', changes: { status: 'DELIVERED' as never } })).toBe('Status unknown');
    expect(actionWords({ action: 'constructor', changes: {} })).toBe('Constructor');
    expect(actionWords({ action: 'ORDER_'.padEnd(5_000, 'X'), changes: {} }).length).toBe(80);
    expect(actorWords(null)).toBe('unknown');
    expect(actorWords({ uid: 'u'.repeat(500), email: null }).length).toBe(80);

    expect(lines('ORDER_UPDATED', { notes: { from: '', to: { truncated: true, bytes: 900_001 } } })).toEqual(['Notes: — → too large to show (879 KB)']);
    expect(lines('ORDER_UPDATED', { notes: { from: { unknown: true }, to: { unknown: true } }, version: 7 as never })).toEqual(['Notes: unknown → unknown']);
    expect(lines('ORDER_UPDATED', { table: 'twelve' as never })).toEqual(['Table: unknown → unknown']);
    expect(lines('ORDER_UPDATED', { notes: { from: null, to: 'x'.repeat(5_000) } })[0]!.length).toBe('Notes: — → '.length + 200);
    expect(changeLines({ action: 'ORDER_UPDATED', changes: null }, context)).toEqual([]);
  });
});
