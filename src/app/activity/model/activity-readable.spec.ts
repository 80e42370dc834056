import { changeLines } from './activity-changes';
import { NO_NAMES, categoryPaths, memberName, type NameBook } from './activity-names';
import { subjectName } from './activity-subject';

// The log keeps ids and minor units; people read names and money. These are the words the page shows.
describe('readable activity entries', () => {
  const names: NameBook = {
    accounts: new Map([
      ['company-card', { name: 'Company card', currency: 'USD' }],
      ['yen-till', { name: 'Tokyo till', currency: 'JPY' }],
    ]),
    categories: categoryPaths([
      { id: 'ingredients', name: 'Ingredients', parentId: null },
      { id: 'produce', name: 'Produce', parentId: 'ingredients' },
    ]),
    members: new Map([['demo-admin', { name: 'Alex Admin', email: 'admin@maestro.test' }]]),
    expenseCurrencies: new Map([['x1', 'EUR']]),
  };

  it('names accounts, categories and members instead of their ids', () => {
    const lines = changeLines(
      { accountId: { from: null, to: 'company-card' }, categoryId: { from: 'gone', to: 'produce' }, createdBy: { from: null, to: 'demo-admin' } },
      'EXPENSE_UPDATED',
      { subject: { type: 'expense', id: 'x9' }, names },
    );
    expect(lines).toEqual([
      { key: 'accountId', field: 'Account', from: null, to: 'Company card' },
      { key: 'categoryId', field: 'Category', from: 'gone (deleted)', to: 'Ingredients › Produce' },
      { key: 'createdBy', field: 'Recorded by', from: null, to: 'Alex Admin' },
    ]);
  });

  it('formats money in its currency, wherever the entry says which', () => {
    const amount = (changes: Record<string, { from: unknown; to: unknown }>, subject: { type: string; id: string }) =>
      changeLines(changes, '', { subject, names }).find((line) => line.key.endsWith('Minor'))?.to;
    // The entry's own currency field.
    expect(amount({ amountMinor: { from: null, to: 1_000 }, currency: { from: null, to: 'USD' } }, { type: 'expense', id: 'x' })).toBe('$10.00');
    // The account it names, or the account it is about.
    expect(amount({ amountMinor: { from: null, to: 1_000 }, accountId: { from: null, to: 'yen-till' } }, { type: 'expense', id: 'x' })).toBe('¥1,000');
    expect(amount({ openingBalanceMinor: { from: 0, to: 250_000 } }, { type: 'account', id: 'company-card' })).toBe('$2,500.00');
    // A budget's id ends with its currency; a transfer names each side's.
    expect(amount({ amountMinor: { from: null, to: 5_000 } }, { type: 'budget', id: 'produce_USD' })).toBe('$50.00');
    expect(amount({ receivedMinor: { from: null, to: 900 }, receivedCurrency: { from: null, to: 'EUR' } }, { type: 'transfer', id: 't' })).toBe('€9.00');
    // An amount change alone: the expense's currency, fetched for it.
    expect(amount({ amountMinor: { from: 100, to: 1_250 } }, { type: 'expense', id: 'x1' })).toBe('€12.50');
    // Nothing says: the number stays, and the line says what it is.
    expect(amount({ amountMinor: { from: 100, to: 1_250 } }, { type: 'expense', id: 'x2' })).toBe('1250 (minor units, currency unknown)');
  });

  it('writes dates and yes/no in words', () => {
    const lines = changeLines(
      { date: { from: '2026-03-01', to: '2026-03-02' }, deleted: { from: false, to: true }, at: { from: null, to: new Date(2026, 2, 1, 9, 5, 7).toISOString() } },
      '',
      { names },
    );
    expect(lines).toEqual([
      { key: 'at', field: 'At', from: null, to: '1 Mar 2026, 09:05:07' },
      { key: 'date', field: 'Date', from: '1 Mar 2026', to: '2 Mar 2026' },
      { key: 'deleted', field: 'Deleted', from: 'No', to: 'Yes' },
    ]);
  });

  it('names the subject and the actor, and says when a name is gone', () => {
    expect(subjectName({ type: 'account', id: 'company-card' }, names)).toBe('Company card');
    expect(subjectName({ type: 'account', id: 'closed' }, names)).toBe('closed (deleted)');
    expect(subjectName({ type: 'category', id: 'produce' }, names)).toBe('Ingredients › Produce');
    expect(subjectName({ type: 'budget', id: 'produce_USD' }, names)).toBe('Ingredients › Produce (USD)');
    expect(subjectName({ type: 'expense', id: 'x1' }, names)).toBe('x1');
    // An import by its file when the page has it, by its id otherwise.
    expect(subjectName({ type: 'import', id: 'imp1' }, { ...names, importFiles: new Map([['imp1', 'Chase1234.CSV']]) })).toBe('Chase1234.CSV');
    expect(subjectName({ type: 'import', id: 'imp2' }, names)).toBe('imp2');
    expect(memberName(names, 'demo-admin', 'admin@maestro.test')).toBe('Alex Admin');
    expect(memberName(names, 'gone-uid', 'old@maestro.test')).toBe('old@maestro.test');
    expect(memberName(names, 'system')).toBe('System');
    // Lists not read (yet, or refused): ids as they are, never called deleted.
    expect(subjectName({ type: 'account', id: 'company-card' }, NO_NAMES)).toBe('company-card');
  });

  it('builds category paths from parents, even broken ones', () => {
    const paths = categoryPaths([
      { id: 'a', name: 'A', parentId: 'b' },
      { id: 'b', name: 'B', parentId: 'a' },
      { id: 'c', name: 'C', parentId: 'missing' },
    ]);
    expect(paths.get('a')).toBe('B › A');
    expect(paths.get('c')).toBe('C');
  });
});
