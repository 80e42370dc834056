import { parse } from 'papaparse';
import type { ActivityRow } from './activity-entry';
import { ACTIVITY_CSV_COLUMNS, activityCsv, activityFileName } from './activity-csv';

const row = (overrides: Partial<ActivityRow>): ActivityRow => ({
  id: 'e1',
  actorUid: 'uid-1',
  actorEmail: 'admin@maestro.test',
  action: 'EXPENSE_UPDATED',
  subject: { type: 'expense', id: 'x1' },
  changes: {},
  correlationId: 'c1',
  eventId: 'e1',
  at: new Date('2026-03-01T18:00:00.000Z'),
  ...overrides,
});

describe('activityCsv', () => {
  it('writes the header and one line per entry: ISO time, actor, action, subject, correlation, changes as JSON', () => {
    const csv = activityCsv([row({ changes: { amountMinor: { from: 100, to: 250 } } })]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe(ACTIVITY_CSV_COLUMNS.join(','));
    expect(line).toBe('2026-03-01T18:00:00.000Z,admin@maestro.test,EXPENSE_UPDATED,expense,x1,c1,"{""amountMinor"":{""from"":100,""to"":250}}"');
  });

  it('quotes commas, quotes and line breaks so a CSV reader gets the values back unchanged', () => {
    const note = { from: 'Basil, "fresh"', to: 'line one\nline two' };
    const csv = activityCsv([row({ subject: { type: 'expense', id: 'id,with "quotes"\r\nand a break' }, changes: { note } })]);
    const parsed = parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed.length).toBe(2);
    expect(parsed[1]![4]).toBe('id,with "quotes"\r\nand a break');
    expect(JSON.parse(parsed[1]![6]!)).toEqual({ note });
  });

  it('keeps a spreadsheet from running a cell as a formula, and names the uid when there is no email', () => {
    const csv = activityCsv([row({ actorEmail: null, actorUid: 'system', subject: { type: 'order', id: '=HYPERLINK("x")' } })]);
    const cells = parse<string[]>(csv).data[1]!;
    expect(cells[1]).toBe('system');
    expect(cells[4]).toBe(`'=HYPERLINK("x")`);
  });

  it('writes "unknown" for each field an odd entry lacks, and the rest of its line as usual', () => {
    const odd = row({ at: null, actorEmail: null, actorUid: null, action: null, subject: null, correlationId: null, changes: { status: null, note: { from: 'a', to: 'b' } }, omittedChanges: 3 });
    const cells = parse<string[]>(activityCsv([odd, row({ changes: null })])).data;
    expect(cells[1]!.slice(0, 6)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(JSON.parse(cells[1]![6]!)).toEqual({ status: 'unknown', note: { from: 'a', to: 'b' }, '…': '3 more changes left out' });
    expect(cells[2]!.slice(1, 7)).toEqual(['admin@maestro.test', 'EXPENSE_UPDATED', 'expense', 'x1', 'c1', 'unknown']);
  });

  it('cuts a changes cell to what a spreadsheet cell holds', () => {
    const changes = { note: { from: null, to: 'x'.repeat(40_000) } };
    const cells = parse<string[]>(activityCsv([row({ changes })])).data;
    expect(cells[1]![6]!.length).toBe(32_000);
    expect(cells[1]![6]!.endsWith('…')).toBeTrue();
  });

  it('is only the header when nothing matched', () => {
    expect(activityCsv([])).toBe(ACTIVITY_CSV_COLUMNS.join(','));
  });

  it('names the file after the local date', () => {
    expect(activityFileName(new Date(2026, 2, 1, 23, 59))).toBe('activity-2026-03-01.csv');
  });
});
