import { isMonth, monthLabel, monthOfLocal, monthsEndingWith, shiftMonth } from './summary-months';

describe('summary months', () => {
  it('shifts across year ends both ways', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2026-03', -15)).toBe('2024-12');
    expect(shiftMonth('2026-03', 0)).toBe('2026-03');
  });

  it('lists the last n months, oldest first', () => {
    const months = monthsEndingWith('2026-02', 12);
    expect(months.length).toBe(12);
    expect(months[0]).toBe('2025-03');
    expect(months[11]).toBe('2026-02');
  });

  it('takes the local month of a date and names months', () => {
    expect(monthOfLocal(new Date(2026, 10, 30, 23, 59))).toBe('2026-11');
    expect(monthLabel('2026-11', 'long', 'en-US')).toBe('November 2026');
    expect(monthLabel('2026-01', 'short', 'en-US')).toBe('Jan 2026');
    expect(isMonth('2026-13')).toBeFalse();
    expect(isMonth('2026-07')).toBeTrue();
  });
});
