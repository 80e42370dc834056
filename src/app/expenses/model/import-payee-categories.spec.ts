import { ImportLookups } from './csv-import-lookups';
import type { ImportMapping } from './csv-import-mapping';
import { convertRows } from './csv-import-rows';
import { categoriseRows, noCategoryProblem, rulesToLearn } from './import-payee-categories';
import type { ImportRule } from './import-rule-match';

describe('categoriseRows', () => {
  const lookups = new ImportLookups(
    [{ id: 'bank', name: 'Bank', currency: 'USD', archived: false }],
    [
      { id: 'produce', name: 'Produce', path: 'Ingredients › Produce' },
      { id: 'rent', name: 'Rent', path: 'Rent' },
      { id: 'supplies', name: 'Supplies', path: 'Supplies' },
    ],
  );
  const today = new Date('2026-03-15T12:00:00Z');
  // date, amount, payee, category
  const mapping = (overrides: Partial<ImportMapping> = {}): ImportMapping => ({
    columns: { date: 0, amount: 1, currency: null, account: null, category: null, payee: 2, note: null, tags: null },
    accountId: 'bank',
    defaultCategoryId: null,
    dateFormat: 'YYYY-MM-DD',
    decimalFormat: '1,234.56',
    ...overrides,
  });
  const rows = (m: ImportMapping, ...lines: string[][]) =>
    convertRows(lines.map((cells, i) => ({ rowNumber: i + 2, cells })), m, lookups, today);
  const sysco: ImportRule = { id: 'r0', pattern: 'sysco', match: 'contains', categoryId: 'produce' };
  const file = [
    ['2026-03-01', '12.50', 'SYSCO FOODS 123'],
    ['2026-03-02', '900.00', 'Landlord LLC'],
    ['2026-03-03', '4.00', 'sysco foods 123'],
  ];

  it('gives a row without a category the rule of its payee, and says which rule', () => {
    const m = mapping();
    const out = categoriseRows(rows(m, ...file), { mapping: m, lookups, rules: [sysco], choices: new Map(), today });

    expect(out.rows.map((r) => r.draft?.categoryId ?? null)).toEqual(['produce', null, 'produce']);
    expect(out.rows[1]!.problems).toEqual([noCategoryProblem('Landlord LLC')]);
    expect(out.payees.map((p) => [p.payee, p.rows, p.category?.id ?? null, p.source.kind])).toEqual([
      ['SYSCO FOODS 123', 2, 'produce', 'rule'],
      ['Landlord LLC', 1, null, 'none'],
    ]);
    const first = out.payees[0]!.source;
    expect(first.kind === 'rule' && first.rule.pattern).toBe('sysco');
  });

  it('takes the user’s choice over the rule, and the rule over the mapping’s default', () => {
    const m = mapping({ defaultCategoryId: 'supplies' });
    const choices = new Map([['landlord llc', 'rent']]);
    const out = categoriseRows(rows(m, ...file), { mapping: m, lookups, rules: [sysco], choices, today });
    expect(out.rows.map((r) => r.draft?.categoryId)).toEqual(['produce', 'rent', 'produce']);

    const overridden = categoriseRows(rows(m, ...file), { mapping: m, lookups, rules: [sysco], choices: new Map([['sysco foods 123', 'supplies']]), today });
    expect(overridden.rows.map((r) => r.draft?.categoryId)).toEqual(['supplies', 'supplies', 'supplies']);
    expect(overridden.payees.map((p) => p.source.kind)).toEqual(['choice', 'default']);
  });

  it('never overrides a category the file names, and ignores a rule whose category is gone', () => {
    const m = mapping({ columns: { ...mapping().columns, category: 3 } });
    const input = rows(m, ['2026-03-01', '1.00', 'Sysco', 'Rent'], ['2026-03-01', '2.00', 'Sysco', '']);
    const out = categoriseRows(input, { mapping: m, lookups, rules: [{ ...sysco, match: 'exact', categoryId: 'deleted' }], choices: new Map(), today });
    expect(out.rows[0]!.draft?.categoryId).toBe('rent');
    expect(out.rows[1]!.draft).toBeNull();
    expect(out.rows[1]!.problems).toEqual([noCategoryProblem('Sysco')]);
    expect(out.payees.map((p) => p.payee)).toEqual(['Sysco']);
  });

  it('keeps every other problem of a row when a rule gives it a category', () => {
    const m = mapping();
    const out = categoriseRows(rows(m, ['2026-02-30', '12.50', 'Sysco']), { mapping: m, lookups, rules: [sysco], choices: new Map(), today });
    expect(out.rows[0]!.draft).toBeNull();
    expect(out.rows[0]!.problems).toEqual(['The date “2026-02-30” is not a real date written YYYY-MM-DD.']);
  });
});

describe('rulesToLearn', () => {
  const payee = (key: string, categoryId: string, kind: 'choice' | 'default' = 'choice') => ({
    key,
    payee: key.toUpperCase(),
    rows: 1,
    category: { id: categoryId, name: categoryId, path: categoryId },
    source: { kind } as const,
  });
  const rules: ImportRule[] = [
    { id: 'r0', pattern: 'sysco', match: 'contains', categoryId: 'produce' },
    { id: 'r1', pattern: 'landlord llc', match: 'exact', categoryId: 'supplies' },
  ];

  it('learns an exact rule per payee the user chose for, updating the same pattern, skipping what rules already say', () => {
    expect(
      rulesToLearn([payee('new farm', 'produce'), payee('landlord llc', 'rent'), payee('sysco boston', 'produce'), payee('sysco chicago', 'dairy'), payee('bakery', 'rent', 'default')], rules),
    ).toEqual([
      { ruleId: null, rule: { pattern: 'new farm', match: 'exact', categoryId: 'produce' } },
      { ruleId: 'r1', rule: { pattern: 'landlord llc', match: 'exact', categoryId: 'rent' } },
      { ruleId: null, rule: { pattern: 'sysco chicago', match: 'exact', categoryId: 'dairy' } },
    ]);
  });
});
