import { normalisePayee } from '@maestro/contracts';
import { bySpecificity, matchingRule, type ImportRule } from './import-rule-match';

describe('matchingRule', () => {
  const rule = (id: string, pattern: string, match: ImportRule['match'], categoryId = id): ImportRule => ({ id, pattern, match, categoryId });
  const rules = [
    rule('r0', 'sysco', 'contains', 'produce'),
    rule('r1', 'sysco chicago', 'contains', 'dairy'),
    rule('r2', 'sysco foods #1234', 'exact', 'dry-goods'),
    rule('r3', 'amazon', 'contains', 'supplies'),
    rule('r4', 'amazon mktp', 'contains', 'supplies-2'),
    rule('r5', 'amazon prime', 'contains', 'subscriptions'),
  ];

  it('compares payees ignoring case, repeated spaces and spaces at the ends', () => {
    expect(normalisePayee('  SYSCO   Foods #1234 ')).toBe('sysco foods #1234');
    expect(matchingRule(rules, '  SYSCO   Foods #1234 ')?.id).toBe('r2');
  });

  it('lets the most specific rule win whatever the order: exact, then the longest “contains”', () => {
    expect(matchingRule(rules, 'SYSCO FOODS #1234')?.categoryId).toBe('dry-goods');
    expect(matchingRule(rules, 'Sysco Chicago IL 60601')?.categoryId).toBe('dairy');
    expect(matchingRule(rules, 'SYSCO BOSTON')?.categoryId).toBe('produce');
    expect(matchingRule([...rules].reverse(), 'Sysco Chicago IL')?.categoryId).toBe('dairy');
  });

  it('breaks a tie between equally long patterns alphabetically, so the answer never depends on order', () => {
    const tie = [rule('a', 'amazon prim', 'contains'), rule('b', 'amazon mktp', 'contains')];
    const payee = 'AMAZON MKTP / AMAZON PRIME';
    expect(matchingRule(tie, payee)?.id).toBe('b');
    expect(matchingRule([...tie].reverse(), payee)?.id).toBe('b');
  });

  it('matches nothing for an empty payee, an exact rule that is only part of it, or no rule at all', () => {
    expect(matchingRule(rules, '   ')).toBeNull();
    expect(matchingRule([rule('x', 'sysco', 'exact')], 'sysco foods')).toBeNull();
    expect(matchingRule([], 'sysco')).toBeNull();
  });

  it('lists rules in the order they are applied', () => {
    expect(bySpecificity(rules).map((r) => r.id)).toEqual(['r2', 'r1', 'r5', 'r4', 'r3', 'r0']);
  });
});
