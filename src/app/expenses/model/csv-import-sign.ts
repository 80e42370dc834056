import { parseAmountIn, type DecimalFormat } from './csv-import-formats';

// Which way a file writes money out and money in. A bank writes a payment as -12.50 and a deposit
// as 12.50; a spreadsheet of expenses writes 12.50 and a refund as -12.50; a card statement has a
// Debit and a Credit column. Money in is not an expense: it is skipped and counted, never refused.

export const AMOUNT_SIGNS = ['payments-negative', 'expenses-positive', 'debit-credit'] as const;
export type AmountSign = (typeof AMOUNT_SIGNS)[number];

export const AMOUNT_SIGN_LABELS: Record<AmountSign, { label: string; hint: string }> = {
  'payments-negative': {
    label: 'Payments are negative (bank export)',
    hint: '−12.50 is an expense of 12.50; a positive amount is a deposit and is skipped.',
  },
  'expenses-positive': {
    label: 'Expenses are positive (spreadsheet)',
    hint: '12.50 is an expense; a negative amount is a refund and is skipped.',
  },
  'debit-credit': {
    label: 'Separate debit and credit columns (card statement)',
    hint: 'The debit column holds the expenses; a credit (refund, payment to the card) is skipped.',
  },
};

/** An amount read under a sign convention: an expense, money in (skipped), or why neither. */
export type MoneyReading = { kind: 'out'; minor: number } | { kind: 'in'; minor: number } | { kind: 'problem'; problem: string };

const ZERO = 'The amount is zero: an expense must be more than zero.';

/**
 * Reads a row's money. `amountCell` is the amount, or with 'debit-credit' the debit; `creditCell`
 * is the credit column's cell ('' when the file has none).
 */
export function readMoney(amountCell: string, creditCell: string, sign: AmountSign, format: DecimalFormat, currency: string): MoneyReading {
  if (sign === 'debit-credit') return readDebitCredit(amountCell, creditCell, format, currency);
  const amount = parseAmountIn(amountCell, format, currency);
  if (!amount.ok) return { kind: 'problem', problem: amount.problem };
  if (amount.minor === 0) return { kind: 'problem', problem: ZERO };
  const out = sign === 'payments-negative' ? amount.minor < 0 : amount.minor > 0;
  return { kind: out ? 'out' : 'in', minor: Math.abs(amount.minor) };
}

function readDebitCredit(debitCell: string, creditCell: string, format: DecimalFormat, currency: string): MoneyReading {
  const debit = debitCell ? parseAmountIn(debitCell, format, currency) : null;
  const credit = creditCell ? parseAmountIn(creditCell, format, currency) : null;
  if (debit && !debit.ok) return { kind: 'problem', problem: debit.problem };
  if (credit && !credit.ok) return { kind: 'problem', problem: credit.problem.replace('The amount', 'The credit') };
  // Some statements write debits as negatives in their own column: the column says which way.
  const out = debit?.ok ? Math.abs(debit.minor) : 0;
  const into = credit?.ok ? Math.abs(credit.minor) : 0;
  if (out && into) {
    return { kind: 'problem', problem: `The row has both a debit (“${debitCell}”) and a credit (“${creditCell}”): it should have one of them.` };
  }
  if (out) return { kind: 'out', minor: out };
  if (into) return { kind: 'in', minor: into };
  return { kind: 'problem', problem: debitCell || creditCell ? ZERO : 'The row has no amount: its debit and credit are both empty.' };
}

/** A negative as files write it: "-12.50", "(12.50)", "12,50-", "−12.50", "$-12.50". */
const looksNegative = (cell: string) => /^\s*[(\-\u2212]|[-\u2212]\s*$|^\s*[^\d\s]{1,3}\s*-/.test(cell);

/**
 * The likely convention for an amount column: negatives in a file with a balance or transaction
 * type beside them, or more negatives than positives, are a bank's payments; else expenses.
 */
export function guessAmountSign(amountSamples: readonly string[], headers: readonly string[]): AmountSign {
  const values = amountSamples.map((v) => v.trim()).filter((v) => /\d/.test(v));
  const negatives = values.filter(looksNegative).length;
  if (!negatives) return 'expenses-positive';
  const bankLike = headers.some((h) => /^(balance|runningbalance|saldo|kontostand|solde|details|type|transactiontype|buchungstext)$/.test(h.toLowerCase().replace(/[^a-z]/g, '')));
  return bankLike || negatives * 2 >= values.length ? 'payments-negative' : 'expenses-positive';
}
