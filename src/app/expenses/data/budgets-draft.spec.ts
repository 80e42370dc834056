import { budgetDraftProblems } from './budgets-draft';

describe('budgetDraftProblems', () => {
  const draft = { categoryId: 'food', currency: 'USD', amountMinor: 50_000 };

  it('accepts a whole amount of zero or more', () => {
    expect(budgetDraftProblems(draft)).toEqual([]);
    expect(budgetDraftProblems({ ...draft, amountMinor: 0 })).toEqual([]);
  });

  it('names every problem', () => {
    expect(budgetDraftProblems({ categoryId: 'a/b', currency: 'US', amountMinor: 0.5 })).toEqual([
      'Choose a category.',
      'Use a three-letter currency code such as USD.',
      'The budget must be zero or more, in whole cents.',
    ]);
    expect(budgetDraftProblems({ ...draft, amountMinor: 1e14 })).toEqual(['The budget is too large.']);
  });
});
