import { formatCalendarDate, formatDateTime, isIsoDateTime } from './dates';

describe('dates', () => {
  it('writes a calendar day the same way on every screen', () => {
    expect(formatCalendarDate('2026-03-01')).toBe('1 Mar 2026');
    expect(formatCalendarDate('2026-12-31')).toBe('31 Dec 2026');
    // Not a day: shown as it is rather than as a wrong day.
    expect(formatCalendarDate('2026-13-45')).toBe('2026-13-45');
  });

  it('writes a moment in local time, with or without seconds', () => {
    const at = new Date(2026, 2, 1, 9, 5, 7);
    expect(formatDateTime(at)).toBe('1 Mar 2026, 09:05:07');
    expect(formatDateTime(at, { seconds: false })).toBe('1 Mar 2026, 09:05');
    expect(formatDateTime(at.toISOString())).toBe('1 Mar 2026, 09:05:07');
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('tells ISO date-times from other text', () => {
    expect(isIsoDateTime('2026-03-01T14:05:09.000Z')).toBeTrue();
    expect(isIsoDateTime('2026-03-01')).toBeFalse();
    expect(isIsoDateTime('Market 2026-03-01T14:05:09Z')).toBeFalse();
  });
});
