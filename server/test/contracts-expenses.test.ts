// The expense contracts (contracts/expenses.ts): what the SPA says is wrong with a draft before the
// rules refuse it, the stored form and its search keys. The words are what users read beside the
// field, so they are pinned whole.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AMOUNT_MAX_MINOR,
  budgetId,
  categoryDraftProblems,
  expenseDraftProblems,
  expenseKeywords,
  isCalendarDate,
  isoDate,
  latestAllowedDate,
  mayChangeRecord,
  monthOf,
  recordOwnerOnly,
  searchKey,
  toExpenseDoc,
  transferDraftProblems,
  type ExpenseDraft,
  type TransferDraft,
} from '@maestro/contracts';

const TODAY = new Date('2026-03-15T23:30:00Z');
const expense = (change: Partial<ExpenseDraft> = {}): ExpenseDraft => ({
  accountId: 'acc-1',
  categoryId: 'cat-1',
  amountMinor: 1250,
  currency: 'EUR',
  date: '2026-03-15',
  payee: 'Metro',
  note: '',
  tags: [],
  ...change,
});
const transfer = (change: Partial<TransferDraft> = {}): TransferDraft => ({
  fromAccountId: 'acc-1',
  toAccountId: 'acc-2',
  sentMinor: 10_000,
  sentCurrency: 'EUR',
  receivedMinor: 10_000,
  receivedCurrency: 'EUR',
  date: '2026-03-15',
  note: '',
  ...change,
});

describe('dates', () => {
  test('a real calendar date, written YYYY-MM-DD', () => {
    for (const good of ['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01']) assert.equal(isCalendarDate(good), true, good);
    for (const bad of ['2026-02-29', '1900-02-29', '0050-06-15', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-05', '26-01-05', '2026-01-05 ', ' 2026-01-05', '2026/01/05', '', 'today'])
      assert.equal(isCalendarDate(bad), false, JSON.stringify(bad));
  });
  test('isoDate is the UTC calendar date; monthOf its first seven characters', () => {
    assert.equal(isoDate(new Date('2026-03-15T23:30:00-05:00')), '2026-03-16');
    assert.equal(isoDate(TODAY), '2026-03-15');
    assert.equal(monthOf('2026-03-15'), '2026-03');
  });
  test('the latest allowed date is one year after today, in UTC', () => {
    assert.equal(latestAllowedDate(TODAY), '2027-03-15');
    assert.equal(latestAllowedDate(new Date('2024-02-29T12:00:00Z')), '2025-03-01', 'no 29 February next year');
    assert.equal(TODAY.toISOString(), '2026-03-15T23:30:00.000Z', 'today is not moved');
  });
});

describe('expenseDraftProblems', () => {
  test('a complete draft has none', () => {
    assert.deepEqual(expenseDraftProblems(expense(), TODAY), []);
    assert.deepEqual(expenseDraftProblems(expense({ amountMinor: 1, date: '2027-03-15', tags: ['a'.repeat(30)], payee: ` ${'p'.repeat(120)} `, note: 'n'.repeat(500) }), TODAY), []);
    assert.deepEqual(expenseDraftProblems(expense({ amountMinor: AMOUNT_MAX_MINOR, tags: Array.from({ length: 10 }, (_, i) => `t${i}`) }), TODAY), []);
  });
  test('every missing or wrong field, each in words, in the form’s order', () => {
    const all = expense({ accountId: '', categoryId: '', amountMinor: 0, currency: 'eur', date: '2026-02-30', payee: 'p'.repeat(121), note: 'n'.repeat(501), tags: Array.from({ length: 11 }, (_, i) => `t${i}`) });
    assert.deepEqual(expenseDraftProblems(all, TODAY), [
      'Choose an account.',
      'Choose a category.',
      'The amount must be more than zero.',
      'Use a three-letter currency code such as USD.',
      'Give a real date (YYYY-MM-DD).',
      'Keep the payee to 120 characters.',
      'Keep the note to 500 characters.',
      'Use at most 10 tags.',
    ]);
  });
  test('amounts: whole minor units above zero, up to the maximum', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])
      assert.deepEqual(expenseDraftProblems(expense({ amountMinor: bad }), TODAY), ['The amount must be more than zero.'], String(bad));
    assert.deepEqual(expenseDraftProblems(expense({ amountMinor: AMOUNT_MAX_MINOR + 1 }), TODAY), ['The amount is too large.']);
  });
  test('currency: exactly three capital letters', () => {
    for (const bad of ['', 'EU', 'EURO', 'Eur', 'E1R', ' EUR'])
      assert.deepEqual(expenseDraftProblems(expense({ currency: bad }), TODAY), ['Use a three-letter currency code such as USD.'], bad);
  });
  test('a date more than a year ahead', () => {
    assert.deepEqual(expenseDraftProblems(expense({ date: '2027-03-16' }), TODAY), ['The date is more than a year ahead.']);
  });
  test('tags: 1–30 characters, no blank one, no line break', () => {
    for (const bad of [[''], ['  '], ['x'.repeat(31)]])
      assert.deepEqual(expenseDraftProblems(expense({ tags: bad }), TODAY), ['Tags must be 1–30 characters.'], JSON.stringify(bad));
    for (const bad of [['one\ntwo'], ['one\rtwo']])
      assert.deepEqual(expenseDraftProblems(expense({ tags: ['fine', ...bad] }), TODAY), ['Tags cannot contain line breaks.'], JSON.stringify(bad));
    assert.deepEqual(expenseDraftProblems(expense({ tags: ['', 'a\nb'] }), TODAY), ['Tags must be 1–30 characters.'], 'one tag problem at a time');
  });
});

describe('transferDraftProblems', () => {
  test('a transfer in one currency, and one across currencies, have none', () => {
    assert.deepEqual(transferDraftProblems(transfer(), TODAY), []);
    assert.deepEqual(transferDraftProblems(transfer({ receivedCurrency: 'USD', receivedMinor: 10_900 }), TODAY), []);
    assert.deepEqual(transferDraftProblems(transfer({ receivedCurrency: 'JPY', sentMinor: 1, receivedMinor: 10_000_000 }), TODAY), [], 'the largest rate allowed');
    assert.deepEqual(transferDraftProblems(transfer({ sentMinor: AMOUNT_MAX_MINOR, receivedMinor: AMOUNT_MAX_MINOR, date: '2027-03-15', note: 'n'.repeat(500) }), TODAY), []);
  });
  test('both accounts, and two different ones', () => {
    assert.deepEqual(transferDraftProblems(transfer({ fromAccountId: '' }), TODAY), ['Choose both accounts.']);
    assert.deepEqual(transferDraftProblems(transfer({ toAccountId: '' }), TODAY), ['Choose both accounts.']);
    assert.deepEqual(transferDraftProblems(transfer({ toAccountId: 'acc-1' }), TODAY), ['Choose two different accounts.']);
  });
  test('each amount: whole minor units above zero, up to the maximum', () => {
    for (const bad of [0, -5, 2.5, AMOUNT_MAX_MINOR + 1]) {
      const problems = transferDraftProblems(transfer({ sentMinor: bad, receivedMinor: bad, receivedCurrency: 'USD' }), TODAY);
      assert.deepEqual(problems.slice(0, 2), ['The amount sent must be more than zero.', 'The amount received must be more than zero.'], String(bad));
    }
    assert.deepEqual(transferDraftProblems(transfer({ receivedMinor: 0, receivedCurrency: 'USD' }), TODAY), ['The amount received must be more than zero.']);
  });
  test('in one currency the amount received is the amount sent', () => {
    assert.deepEqual(transferDraftProblems(transfer({ receivedMinor: 9_999 }), TODAY), ['Between accounts of one currency the amount received is the amount sent.']);
  });
  test('across currencies, amounts more than ten million times apart either way are a typo', () => {
    const tooFar = 'The amounts sent and received are too far apart for any exchange rate: check for extra zeros.';
    assert.deepEqual(transferDraftProblems(transfer({ receivedCurrency: 'JPY', sentMinor: 1, receivedMinor: 10_000_001 }), TODAY), [tooFar]);
    assert.deepEqual(transferDraftProblems(transfer({ receivedCurrency: 'JPY', sentMinor: 10_000_001, receivedMinor: 1 }), TODAY), [tooFar]);
    assert.deepEqual(transferDraftProblems(transfer({ receivedCurrency: 'JPY', sentMinor: 10_000_000, receivedMinor: 1 }), TODAY), []);
    assert.deepEqual(
      transferDraftProblems(transfer({ receivedCurrency: 'JPY', sentMinor: 0, receivedMinor: 5 }), TODAY),
      ['The amount sent must be more than zero.'],
      'a missing amount is not also "too far apart"',
    );
    assert.deepEqual(
      transferDraftProblems(transfer({ receivedCurrency: 'JPY', sentMinor: 5, receivedMinor: -1 }), TODAY),
      ['The amount received must be more than zero.'],
      'nor a negative one',
    );
  });
  test('date and note', () => {
    assert.deepEqual(transferDraftProblems(transfer({ date: '2026-02-29' }), TODAY), ['Give a real date (YYYY-MM-DD).']);
    assert.deepEqual(transferDraftProblems(transfer({ date: '2027-03-16' }), TODAY), ['The date is more than a year ahead.']);
    assert.deepEqual(transferDraftProblems(transfer({ note: 'n'.repeat(501) }), TODAY), ['Keep the note to 500 characters.']);
  });
});

describe('categoryDraftProblems', () => {
  const category = { name: 'Produce', colour: '#4CAF50', icon: 'local_grocery_store', parentId: null };
  test('a complete category has none; the name is trimmed before it is measured', () => {
    assert.deepEqual(categoryDraftProblems(category), []);
    assert.deepEqual(categoryDraftProblems({ ...category, name: ` ${'n'.repeat(60)} `, colour: '#abcdef', icon: 'a'.repeat(40) }), []);
  });
  test('each problem in words', () => {
    assert.deepEqual(categoryDraftProblems({ ...category, name: '   ', colour: 'green', icon: 'Bad-Icon' }), ['Give the category a name.', 'Pick a colour.', 'Pick an icon.']);
    assert.deepEqual(categoryDraftProblems({ ...category, name: 'n'.repeat(61) }), ['Keep the name to 60 characters.']);
    for (const colour of ['#abc', '#abcdefa', 'abcdef1', '#ghijkl', ' #abcdef']) assert.deepEqual(categoryDraftProblems({ ...category, colour }), ['Pick a colour.'], colour);
    for (const icon of ['', 'a'.repeat(41), 'home icon', 'Home', ' home']) assert.deepEqual(categoryDraftProblems({ ...category, icon }), ['Pick an icon.'], icon);
  });
});

describe('search keys', () => {
  test('every word of payee, note and tags, lowered, with its prefixes from two letters', () => {
    assert.deepEqual(expenseKeywords({ payee: 'Café Noir', note: 'x', tags: ['VAT-20'] }), ['ca', 'caf', 'café', 'no', 'noi', 'noir', 'va', 'vat', '20']);
  });
  test('prefixes stop at twenty letters, duplicates once', () => {
    const long = 'a'.repeat(25);
    const keys = expenseKeywords({ payee: `${long} ${long}`, note: '', tags: [] });
    assert.equal(keys.length, 19);
    assert.equal(keys.at(-1), 'a'.repeat(20));
  });
  test('at most sixty keys: the first words win', () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${i}xyz`);
    const keys = expenseKeywords({ payee: words.join(' '), note: '', tags: [] });
    assert.equal(keys.length, 60);
    assert.deepEqual(keys.slice(0, 5), ['wa', 'wa0', 'wa0x', 'wa0xy', 'wa0xyz']);
    assert.ok(!keys.includes('wz25'), 'a late word is left out');
  });
  test('the keys of the word that reaches sixty are kept, none after it', () => {
    // 12 words of 7 letters give 6 keys each: the 10th word's last key is the 60th.
    const words = Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(97 + i)}bcdefg`);
    const keys = expenseKeywords({ payee: words.join(' '), note: '', tags: [] });
    assert.equal(keys.length, 60);
    assert.equal(keys.at(-1), 'jbcdefg');
  });
  test('what a user types is looked up by its first word of two letters or more', () => {
    assert.equal(searchKey('  a Café-noir'), 'café');
    assert.equal(searchKey('to go'), 'to', 'two letters are a word');
    assert.equal(searchKey('x'.repeat(30)), 'x'.repeat(20));
    assert.equal(searchKey('a b !'), null);
    assert.equal(searchKey(''), null);
  });
});

describe('the stored expense', () => {
  test('trimmed, with its month, its keys, not deleted, and who wrote it', () => {
    assert.deepEqual(toExpenseDoc(expense({ payee: '  Metro  ', note: ' weekly ', tags: [' veg '] }), 'uid-7'), {
      accountId: 'acc-1',
      categoryId: 'cat-1',
      amountMinor: 1250,
      currency: 'EUR',
      date: '2026-03-15',
      payee: 'Metro',
      note: 'weekly',
      tags: ['veg'],
      month: '2026-03',
      keywords: ['me', 'met', 'metr', 'metro', 'we', 'wee', 'week', 'weekl', 'weekly', 've', 'veg'],
      deleted: false,
      createdBy: 'uid-7',
      updatedBy: 'uid-7',
    });
  });
});

describe('who may change a record', () => {
  test('whoever recorded it, or an admin', () => {
    assert.equal(mayChangeRecord({ createdBy: 'u1' }, { uid: 'u1', role: 'staff' }), true);
    assert.equal(mayChangeRecord({ createdBy: 'u1' }, { uid: 'u2', role: 'staff' }), false);
    assert.equal(mayChangeRecord({ createdBy: 'u1' }, { uid: 'u2', role: 'admin' }), true);
    assert.equal(mayChangeRecord({}, { uid: 'u2', role: 'staff' }), false, 'a record without an author is for admins');
  });
  test('the refusal says who may', () => {
    assert.equal(recordOwnerOnly('transfer'), 'Only the person who recorded this transfer or an admin can change or delete it.');
  });
  test('a budget is one per category and currency', () => {
    assert.equal(budgetId('cat-1', 'EUR'), 'cat-1_EUR');
  });
});
