import { TestBed } from '@angular/core/testing';
import { KITCHEN_STORAGE_KEYS, KitchenPreferences, parseStations } from './kitchen-preferences';
import { DEFAULT_AGING } from './ticket-aging';

describe('KitchenPreferences', () => {
  const clear = () => Object.values(KITCHEN_STORAGE_KEYS).forEach((key) => localStorage.removeItem(key));
  beforeEach(clear);
  afterEach(clear);

  it('starts with no station chosen, default timings and sound on', () => {
    const preferences = TestBed.inject(KitchenPreferences);
    expect(preferences.stations()).toBeNull();
    expect(preferences.aging()).toEqual(DEFAULT_AGING);
    expect(preferences.sound()).toBeTrue();
  });

  it('reads back what was saved', () => {
    const saved = TestBed.inject(KitchenPreferences);
    saved.setStations(['grill', 'pastry']);
    saved.setAging({ warningMinutes: 6, lateMinutes: 9 });
    saved.setSound(false);
    TestBed.resetTestingModule();
    const read = TestBed.inject(KitchenPreferences);
    expect(read.stations()).toEqual(['grill', 'pastry']);
    expect(read.aging()).toEqual({ warningMinutes: 6, lateMinutes: 9 });
    expect(read.sound()).toBeFalse();
  });

  it('ignores what it cannot use (an old or hand-edited value)', () => {
    localStorage.setItem(KITCHEN_STORAGE_KEYS.station, 'wok');
    localStorage.setItem(KITCHEN_STORAGE_KEYS.aging, '{not json');
    const preferences = TestBed.inject(KitchenPreferences);
    expect(preferences.stations()).toBeNull();
    expect(preferences.aging()).toEqual(DEFAULT_AGING);
  });

  it('parses stations from a URL: all, known stations in their own order, or nothing', () => {
    expect(parseStations('all')).toEqual([]);
    expect(parseStations('bar')).toEqual(['bar']);
    expect(parseStations('fry,grill,fry')).toEqual(['grill', 'fry']);
    expect(parseStations('grill,fry,cold,pastry,bar')).toEqual([]);
    expect(parseStations('grill,wok')).toBeUndefined();
    expect(parseStations('BAR')).toBeUndefined();
    expect(parseStations('')).toBeUndefined();
    expect(parseStations(null)).toBeUndefined();
  });
});
