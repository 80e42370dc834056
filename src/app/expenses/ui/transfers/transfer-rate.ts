import { AMOUNT_MAX_MINOR, isoDate, transferDraftProblems } from '@maestro/contracts';
import type { Account } from '../../data/accounts-repository';

/**
 * Between two currencies, the contracts' sentence for amounts no exchange rate could join (a typo
 * of extra zeros), or null. Only amounts that are each fine are judged: their own problems are
 * the amount fields' to show.
 */
export function transferRateProblem(from: Account, to: Account, sentMinor: number | null, receivedMinor: number | null, today: Date): string | null {
  const inRange = (minor: number | null): minor is number => minor !== null && minor > 0 && minor <= AMOUNT_MAX_MINOR;
  if (from.currency === to.currency || !inRange(sentMinor) || !inRange(receivedMinor)) return null;
  const [problem] = transferDraftProblems(
    {
      fromAccountId: from.id,
      toAccountId: to.id,
      sentMinor,
      sentCurrency: from.currency,
      receivedMinor,
      receivedCurrency: to.currency,
      date: isoDate(today),
      note: '',
    },
    today,
  );
  return problem ?? null;
}
