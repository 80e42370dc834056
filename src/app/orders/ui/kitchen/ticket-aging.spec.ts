import { DEFAULT_AGING, ageLevel, ageMs, checkThresholds, formatTimer, spokenMinutes, thresholdsFrom } from './ticket-aging';

const at = (minutes: number, seconds = 0) => (minutes * 60 + seconds) * 1000;

describe('ticket aging', () => {
  describe('ageLevel', () => {
    it('turns yellow at 10:00 and red at 15:00 by default, not a second before', () => {
      expect(ageLevel(at(0), DEFAULT_AGING)).toBe('on-time');
      expect(ageLevel(at(9, 59), DEFAULT_AGING)).toBe('on-time');
      expect(ageLevel(at(10), DEFAULT_AGING)).toBe('warning');
      expect(ageLevel(at(14, 59), DEFAULT_AGING)).toBe('warning');
      expect(ageLevel(at(15), DEFAULT_AGING)).toBe('late');
      expect(ageLevel(at(95), DEFAULT_AGING)).toBe('late');
    });

    it('follows the thresholds the kitchen chose', () => {
      const quick = { warningMinutes: 4, lateMinutes: 7 };
      expect(ageLevel(at(3, 59), quick)).toBe('on-time');
      expect(ageLevel(at(4), quick)).toBe('warning');
      expect(ageLevel(at(6, 59), quick)).toBe('warning');
      expect(ageLevel(at(7), quick)).toBe('late');
      // What is late for a quick kitchen is on time for the default one.
      expect(ageLevel(at(9, 59), DEFAULT_AGING)).toBe('on-time');
    });
  });

  describe('time on the ticket', () => {
    it('counts from the order being placed, never below zero (a clock a little behind the server)', () => {
      const placed = '2026-03-01T18:00:00.000Z';
      expect(ageMs(placed, Date.parse('2026-03-01T18:12:34.000Z'))).toBe(at(12, 34));
      expect(ageMs(placed, Date.parse('2026-03-01T17:59:58.000Z'))).toBe(0);
    });

    it('shows mm:ss with minutes past the hour, and says whole minutes aloud', () => {
      expect(formatTimer(0)).toBe('00:00');
      expect(formatTimer(at(9, 59) + 999)).toBe('09:59');
      expect(formatTimer(at(75, 3))).toBe('75:03');
      expect(spokenMinutes(at(0, 59))).toBe('0 minutes');
      expect(spokenMinutes(at(1, 30))).toBe('1 minute');
      expect(spokenMinutes(at(12))).toBe('12 minutes');
    });
  });

  describe('checkThresholds (the settings panel)', () => {
    it('accepts whole minutes with red after yellow', () => {
      expect(checkThresholds('5', ' 8 ')).toEqual({ ok: true, value: { warningMinutes: 5, lateMinutes: 8 } });
    });

    for (const [warning, late] of [
      ['', '15'],
      ['ten', '15'],
      ['0', '15'],
      ['-5', '15'],
      ['7.5', '15'],
      ['10', '1e3'],
      ['10', '601'],
    ]) {
      it(`refuses "${warning}" / "${late}" as not whole minutes`, () => {
        const check = checkThresholds(warning, late);
        expect(check.ok).toBeFalse();
        expect(check.ok ? '' : check.message).toContain('whole minutes from 1 to 600');
      });
    }

    it('refuses red at or before yellow, and says what would work', () => {
      for (const [warning, late] of [
        ['10', '10'],
        ['12', '8'],
      ]) {
        const check = checkThresholds(warning, late);
        expect(check.ok).toBeFalse();
        expect(check.ok ? '' : check.message).toBe(`Red (late) must come after yellow: set it above ${warning} minutes, or lower yellow.`);
      }
    });
  });

  describe('thresholdsFrom (what storage held)', () => {
    it('keeps valid thresholds and falls back to the defaults for anything else', () => {
      expect(thresholdsFrom({ warningMinutes: 6, lateMinutes: 9 })).toEqual({ warningMinutes: 6, lateMinutes: 9 });
      expect(thresholdsFrom(null)).toEqual(DEFAULT_AGING);
      expect(thresholdsFrom('10')).toEqual(DEFAULT_AGING);
      expect(thresholdsFrom({ warningMinutes: 9, lateMinutes: 6 })).toEqual(DEFAULT_AGING);
      expect(thresholdsFrom({ warningMinutes: 2.5, lateMinutes: 6 })).toEqual(DEFAULT_AGING);
    });
  });
});
