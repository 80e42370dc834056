import { createExpenseForm, formValueOf, localDate, problemOf, tagsFrom, toExpenseDraft, type ExpenseFormContext } from './expense-form';

describe('expense form', () => {
  const now = new Date('2026-03-15T12:00:00Z');
  const currencies: Record<string, string> = { 'cash-register': 'USD', 'yen-till': 'JPY' };
  const context: ExpenseFormContext = { now: () => now, currencyOf: (id) => currencies[id] ?? null };
  const filled = () =>
    createExpenseForm(context, { accountId: 'cash-register', categoryId: 'produce', amount: '12.50', payee: 'Market' });

  it('starts on today with nothing else chosen, and says what is missing', () => {
    const form = createExpenseForm(context);
    expect(form.controls.date.value).toBe(localDate(now));
    expect(problemOf(form.controls.accountId)).toBe('Choose an account.');
    expect(problemOf(form.controls.categoryId)).toBe('Choose a category.');
    expect(problemOf(form.controls.amount)).toBe('Enter the amount.');
    expect(problemOf(form.controls.date)).toBeNull();
  });

  it('is valid once account, category and a positive amount are given', () => {
    expect(filled().valid).toBeTrue();
  });

  for (const [typed, message] of [
    ['abc', 'Enter an amount like 12.50.'],
    ['12.345', 'Enter an amount like 12.50.'],
    ['0', 'The amount must be more than zero.'],
    ['0.00', 'The amount must be more than zero.'],
    ['-5', 'The amount must be more than zero.'],
    ['200,000,000,000', 'The amount is too large.'],
  ] as const) {
    it(`refuses the amount "${typed}": ${message}`, () => {
      const form = filled();
      form.controls.amount.setValue(typed);
      expect(problemOf(form.controls.amount)).toBe(message);
      expect(form.valid).toBeFalse();
    });
  }

  it('checks the amount in the chosen account\'s currency, again when the account changes', () => {
    const form = filled();
    form.controls.amount.setValue('1500.50');
    expect(problemOf(form.controls.amount)).toBeNull();
    form.controls.accountId.setValue('yen-till');
    expect(problemOf(form.controls.amount)).toBe('Enter an amount like 1500.');
    form.controls.amount.setValue('1,500');
    expect(problemOf(form.controls.amount)).toBeNull();
    expect(toExpenseDraft(form.getRawValue(), 'JPY').amountMinor).toBe(1500);
  });

  it('refuses a date more than a year ahead, and a date that does not exist', () => {
    const form = filled();
    form.controls.date.setValue('2027-03-15');
    expect(problemOf(form.controls.date)).toBeNull();
    form.controls.date.setValue('2027-03-16');
    expect(problemOf(form.controls.date)).toBe('The date is more than a year ahead.');
    form.controls.date.setValue('2026-02-30');
    expect(problemOf(form.controls.date)).toBe('Give a real date.');
    form.controls.date.setValue('');
    expect(problemOf(form.controls.date)).toBe('Give a real date.');
  });

  it('limits payee, note and tags', () => {
    const form = filled();
    form.controls.payee.setValue('x'.repeat(121));
    form.controls.note.setValue('x'.repeat(501));
    form.controls.tags.setValue(Array.from({ length: 11 }, (_, i) => `t${i}`));
    expect(problemOf(form.controls.payee)).toBe('Keep the payee to 120 characters.');
    expect(problemOf(form.controls.note)).toBe('Keep the note to 500 characters.');
    expect(problemOf(form.controls.tags)).toBe('Use at most 10 tags.');
    form.controls.tags.setValue(['y'.repeat(31)]);
    expect(problemOf(form.controls.tags)).toBe('Keep each tag to 30 characters.');
  });

  it('turns its value into a draft in minor units, trimmed, and an expense back into values', () => {
    const form = filled();
    form.controls.payee.setValue('  Market  ');
    form.controls.tags.setValue(['weekly']);
    const draft = toExpenseDraft(form.getRawValue(), 'USD');
    expect(draft).toEqual({
      accountId: 'cash-register',
      categoryId: 'produce',
      amountMinor: 1250,
      currency: 'USD',
      date: localDate(now),
      payee: 'Market',
      note: '',
      tags: ['weekly'],
    });
    expect(formValueOf(draft).amount).toBe('12.50');
    expect(formValueOf({ ...draft, amountMinor: 1500, currency: 'JPY' }).amount).toBe('1500');
  });

  it('splits typed tags on commas and semicolons', () => {
    expect(tagsFrom(' weekly, organic;;market ')).toEqual(['weekly', 'organic', 'market']);
  });
});
