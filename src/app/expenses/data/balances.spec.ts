import { NO_MOVEMENT, balanceMinor, totalsByCurrency } from './balances';

describe('balances', () => {
  it('is the opening balance less expenses, plus transfers in, less transfers out', () => {
    expect(balanceMinor(10_000, NO_MOVEMENT)).toBe(10_000);
    expect(balanceMinor(10_000, { expensesMinor: 2_500, receivedMinor: 1_000, sentMinor: 9_000 })).toBe(-500);
  });

  it('totals per currency, never across, and not before every balance is known', () => {
    const ready = (balanceMinor: number) => ({ state: 'ready', balanceMinor }) as const;
    expect(
      totalsByCurrency([
        { currency: 'USD', balance: ready(1_000) },
        { currency: 'EUR', balance: ready(500) },
        { currency: 'USD', balance: ready(-250) },
        { currency: 'GBP', balance: ready(1) },
        { currency: 'GBP', balance: { state: 'loading' } },
      ]),
    ).toEqual([
      { currency: 'EUR', totalMinor: 500, accounts: 1 },
      { currency: 'GBP', totalMinor: null, accounts: 2 },
      { currency: 'USD', totalMinor: 750, accounts: 2 },
    ]);
  });
});
