import { actionFromInput, actionWords } from './activity-actions';
import { changeLines } from './activity-changes';
import { subjectLink, subjectWords } from './activity-subject';

describe('activity words', () => {
  it('says actions in words, a status change with its old and new status', () => {
    expect(actionWords('EXPENSE_RECORDED')).toBe('Expense recorded');
    expect(actionWords('ORDER_STATUS_CHANGED', { status: { from: 'PREPARING', to: 'READY' } })).toBe('Order status changed: Preparing → Ready');
    expect(actionWords('ORDER_CREATED')).toBe('Order placed');
  });

  it('reads a typed action as its stored name, in words or in code', () => {
    expect(actionFromInput('expense recorded')).toBe('EXPENSE_RECORDED');
    expect(actionFromInput(' Order placed ')).toBe('ORDER_CREATED');
    expect(actionFromInput('order_payment_failed')).toBe('ORDER_PAYMENT_FAILED');
    expect(actionFromInput('   ')).toBeNull();
  });

  it('lists changed fields old → new, leaving out what was and stays empty', () => {
    expect(
      changeLines({ amountMinor: { from: 100, to: 250 }, note: { from: '', to: null }, accountId: { from: null, to: 'till' }, tags: { from: ['a'], to: [] } }),
    ).toEqual([
      // Without the lists of names the ids show as they are, and an amount says its currency is unknown.
      { key: 'accountId', field: 'Account', from: null, to: 'till' },
      { key: 'amountMinor', field: 'Amount', from: '100 (minor units, currency unknown)', to: '250 (minor units, currency unknown)' },
      { key: 'tags', field: 'Tags', from: 'a', to: null },
    ]);
    // The status of a status change is in the action's words already.
    expect(changeLines({ status: { from: 'NEW', to: 'PREPARING' } }, 'ORDER_STATUS_CHANGED')).toEqual([]);
    // A failure or refusal ({ code, message }) reads as its words, not as JSON.
    expect(changeLines({ failure: { from: null, to: { code: 'payment_declined', message: 'The card was declined.', step: 'payment' } } })).toEqual([
      { key: 'failure', field: 'Failure', from: null, to: 'The card was declined.' },
    ]);
  });

  it('marks an unreadable change as unknown and cuts long values short', () => {
    expect(changeLines({ status: null, note: { from: null, to: 'x'.repeat(5_000) } })).toEqual([
      { key: 'note', field: 'Note', from: null, to: `${'x'.repeat(199)}…` },
      { key: 'status', field: 'Status', from: null, to: null, unknown: true },
    ]);
    expect(changeLines(null)).toEqual([]);
  });

  it('links each subject to the page that shows it', () => {
    expect(subjectLink({ type: 'order', id: 'o1' })).toEqual(['/orders', 'o1']);
    expect(subjectLink({ type: 'category', id: 'c1' })).toEqual(['/expenses', 'categories']);
    expect(subjectLink({ type: 'planet', id: 'p' })).toBeNull();
    // A type read from the log is any text: not one of the object's own properties.
    expect(subjectLink({ type: 'constructor', id: 'p' })).toBeNull();
    expect(subjectWords('constructor')).toBe('constructor');
  });
});
