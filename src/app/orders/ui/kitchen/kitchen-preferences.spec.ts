import { TestBed } from '@angular/core/testing';
import { KITCHEN_STORAGE_KEYS, KitchenPreferences, parseStation } from './kitchen-preferences';
import { DEFAULT_AGING } from './ticket-aging';

describe('KitchenPreferences', () => {
  const clear = () => Object.values(KITCHEN_STORAGE_KEYS).forEach((key) => localStorage.removeItem(key));
  beforeEach(clear);
  afterEach(clear);

  it('starts on every station, default timings and sound on', () => {
    const preferences = TestBed.inject(KitchenPreferences);
    expect(preferences.station()).toBeNull();
    expect(preferences.aging()).toEqual(DEFAULT_AGING);
    expect(preferences.sound()).toBeTrue();
  });

  it('reads back what was saved', () => {
    const saved = TestBed.inject(KitchenPreferences);
    saved.setStation('pastry');
    saved.setAging({ warningMinutes: 6, lateMinutes: 9 });
    saved.setSound(false);
    TestBed.resetTestingModule();
    const read = TestBed.inject(KitchenPreferences);
    expect(read.station()).toBe('pastry');
    expect(read.aging()).toEqual({ warningMinutes: 6, lateMinutes: 9 });
    expect(read.sound()).toBeFalse();
  });

  it('ignores what it cannot use (an old or hand-edited value)', () => {
    localStorage.setItem(KITCHEN_STORAGE_KEYS.station, 'wok');
    localStorage.setItem(KITCHEN_STORAGE_KEYS.aging, '{not json');
    const preferences = TestBed.inject(KitchenPreferences);
    expect(preferences.station()).toBeNull();
    expect(preferences.aging()).toEqual(DEFAULT_AGING);
  });

  it('parses a station from a URL: all, a known station, or nothing', () => {
    expect(parseStation('all')).toBeNull();
    expect(parseStation('bar')).toBe('bar');
    expect(parseStation('BAR')).toBeUndefined();
    expect(parseStation(null)).toBeUndefined();
  });
});
