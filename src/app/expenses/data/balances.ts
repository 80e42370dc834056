// Balances are derived, never stored: two browsers editing at once cannot make a stored total
// drift, because there is none. These are the pure parts; `BalancesRepository` asks the server.

/** What moved through one account, as the server sums it (non-deleted rows only). */
export interface AccountMovement {
  /** Expenses paid from the account. */
  expensesMinor: number;
  /** Transfers into the account, in its currency (`receivedMinor`). */
  receivedMinor: number;
  /** Transfers out of the account, in its currency (`sentMinor`). */
  sentMinor: number;
}

export const NO_MOVEMENT: AccountMovement = { expensesMinor: 0, receivedMinor: 0, sentMinor: 0 };

export function balanceMinor(openingBalanceMinor: number, movement: AccountMovement): number {
  return openingBalanceMinor - movement.expensesMinor + movement.receivedMinor - movement.sentMinor;
}

export type BalanceState = { state: 'loading' } | { state: 'ready'; balanceMinor: number } | { state: 'error' };

export interface CurrencyTotal {
  currency: string;
  /** Null while any of its accounts' balances is still loading or failed. */
  totalMinor: number | null;
  accounts: number;
}

/** One total per currency (never converted, never added across currencies), by currency code. */
export function totalsByCurrency(accounts: readonly { currency: string; balance: BalanceState }[]): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const { currency, balance } of accounts) {
    const total = totals.get(currency) ?? { currency, totalMinor: 0, accounts: 0 };
    total.accounts++;
    total.totalMinor = balance.state === 'ready' && total.totalMinor !== null ? total.totalMinor + balance.balanceMinor : null;
    totals.set(currency, total);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
