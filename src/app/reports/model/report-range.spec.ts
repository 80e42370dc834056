import { SALES_REPORT_MAX_DAYS } from '@maestro/contracts';
import { daysInRange, monthRange, rangeProblems, readReportQuery, shiftDate } from './report-range';

describe('report range', () => {
  it('accepts a range of one day and one of the most days the API takes', () => {
    expect(rangeProblems('2026-03-01', '2026-03-01')).toEqual([]);
    const last = shiftDate('2025-03-01', SALES_REPORT_MAX_DAYS - 1);
    expect(daysInRange('2025-03-01', last)).toBe(SALES_REPORT_MAX_DAYS);
    expect(rangeProblems('2025-03-01', last)).toEqual([]);
  });

  it('explains a reversed range on From, and asks nothing', () => {
    expect(rangeProblems('2026-03-10', '2026-03-01')).toEqual([{ field: 'from', message: 'From is after To: the range is reversed. Swap them or change one.' }]);
  });

  it('explains a range one day too long on To, with its length', () => {
    const to = shiftDate('2025-03-01', SALES_REPORT_MAX_DAYS);
    expect(rangeProblems('2025-03-01', to)).toEqual([{ field: 'to', message: `At most ${SALES_REPORT_MAX_DAYS} days at a time; this range has ${SALES_REPORT_MAX_DAYS + 1}.` }]);
  });

  it('names text that is no date, and a day that does not exist, on its own field', () => {
    expect(rangeProblems('yesterday', '2026-02-30')).toEqual([
      { field: 'from', message: '“yesterday” is not a date (YYYY-MM-DD).' },
      { field: 'to', message: '“2026-02-30” is not a date (YYYY-MM-DD).' },
    ]);
    expect(rangeProblems('', '2026-03-01')).toEqual([{ field: 'from', message: 'Choose the first day.' }]);
    expect(rangeProblems('=cmd|calc!A1 and a lot more text', '2026-03-01')[0]!.message).toBe('“=cmd|calc!A1 and a …” is not a date (YYYY-MM-DD).');
  });

  it('reads the URL: the last 30 days up to today by default, a bad value kept to be explained', () => {
    expect(readReportQuery({}, '2026-03-31')).toEqual({ from: '2026-03-02', to: '2026-03-31', currency: '' });
    expect(readReportQuery({ to: '2026-01-31', currency: 'eur' }, '2026-03-31')).toEqual({ from: '2026-01-02', to: '2026-01-31', currency: 'EUR' });
    expect(readReportQuery({ from: 'soon', to: '2026-01-31' }, '2026-03-31').from).toBe('soon');
  });

  it('gives a month its first and last day, leap years included', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
