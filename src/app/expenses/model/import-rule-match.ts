import { normalisePayee, type ImportRuleDraft } from '@maestro/contracts';

// Which import rule a payee falls under. Most specific wins, so the order rules were made in never
// matters: an exact rule beats every "contains" rule; among "contains" rules the longest pattern
// wins ("sysco chicago" over "sysco"); a tie goes to the pattern first in alphabetical order.

export interface ImportRule extends ImportRuleDraft {
  readonly id: string;
}

export function matchingRule(rules: readonly ImportRule[], payee: string): ImportRule | null {
  const text = normalisePayee(payee);
  if (!text) return null;
  let best: ImportRule | null = null;
  for (const rule of rules) {
    if (!rule.pattern || !ruleMatches(rule, text)) continue;
    if (!best || moreSpecific(rule, best)) best = rule;
  }
  return best;
}

function ruleMatches(rule: ImportRule, normalisedPayee: string): boolean {
  return rule.match === 'exact' ? rule.pattern === normalisedPayee : normalisedPayee.includes(rule.pattern);
}

function moreSpecific(a: ImportRule, b: ImportRule): boolean {
  if (a.match !== b.match) return a.match === 'exact';
  if (a.pattern.length !== b.pattern.length) return a.pattern.length > b.pattern.length;
  return a.pattern < b.pattern;
}

/** Rules in the order they are applied: the list page shows them so. */
export function bySpecificity(rules: readonly ImportRule[]): ImportRule[] {
  return [...rules].sort((a, b) => (moreSpecific(a, b) ? -1 : moreSpecific(b, a) ? 1 : 0));
}
