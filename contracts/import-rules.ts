// Import rules: "a payee like this → that category", remembered from an import's review and
// applied to the next one. Shared by the SPA and the rules tests (firestore.rules says the same).

/** `exact`: the whole payee, `contains`: the pattern anywhere in it (both compared normalised). */
export type ImportRuleMatch = 'exact' | 'contains';

export interface ImportRuleDraft {
  /** Normalised (see `normalisePayee`): lower case, single spaces, no spaces at the ends. */
  pattern: string;
  match: ImportRuleMatch;
  categoryId: string;
}

export const IMPORT_RULE_PATTERN_MAX = 120;
/** A workspace keeps at most this many rules: each is a slot `r0`…`r499` (the rules allow no other id). */
export const IMPORT_RULES_MAX = 500;

export const importRuleSlotId = (slot: number): string => `r${slot}`;

/** The lowest free slot, or null when every one is taken. */
export function freeImportRuleSlot(takenIds: Iterable<string>): string | null {
  const taken = new Set(takenIds);
  for (let slot = 0; slot < IMPORT_RULES_MAX; slot++) {
    if (!taken.has(importRuleSlotId(slot))) return importRuleSlotId(slot);
  }
  return null;
}

/** How payees are compared: case, repeated spaces and spaces at the ends do not count. */
export function normalisePayee(payee: string): string {
  return payee.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function importRuleProblems(draft: ImportRuleDraft): string[] {
  const problems: string[] = [];
  if (!draft.pattern) problems.push('Say which payee the rule is for.');
  if (draft.pattern.length > IMPORT_RULE_PATTERN_MAX) problems.push(`Keep the payee to ${IMPORT_RULE_PATTERN_MAX} characters.`);
  if (draft.pattern !== normalisePayee(draft.pattern)) problems.push('The payee must be written in lower case with single spaces.');
  if (draft.match !== 'exact' && draft.match !== 'contains') problems.push('Choose whether the payee must match exactly or only contain the words.');
  if (!draft.categoryId) problems.push('Choose a category for the rule.');
  return problems;
}

export const IMPORT_RULES_FULL = `There are already ${IMPORT_RULES_MAX} import rules, the most a workspace keeps. Delete rules you no longer need first.`;
