import { TestBed } from '@angular/core/testing';
import { KITCHEN_STORAGE_KEYS, KitchenPreferences, parseStations, stationsGiveWay } from './kitchen-preferences';
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
    saved.setStations(['grill', 'pastry'], []);
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

  describe('a saved All and the member’s own stations', () => {
    const reopened = () => {
      TestBed.resetTestingModule();
      return TestBed.inject(KitchenPreferences);
    };

    it('gives way once when an older screen saved it (no record of who chose it)', () => {
      localStorage.setItem(KITCHEN_STORAGE_KEYS.station, 'all');
      const preferences = TestBed.inject(KitchenPreferences);
      expect(preferences.stations()).toEqual([]);
      expect(preferences.settleFor(['grill', 'fry'])).toBeTrue();
      expect(preferences.stations()).toBeNull();
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.station)).toBeNull();
      expect(reopened().stations()).toBeNull();
    });

    it('gives way when it was chosen by a member who had no stations yet', () => {
      TestBed.inject(KitchenPreferences).setStations([], []);
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.stationChosenWith)).toBe('none');
      const preferences = reopened();
      expect(preferences.settleFor(['bar'])).toBeTrue();
      expect(preferences.stations()).toBeNull();
    });

    it('stays when a member with stations chose it', () => {
      TestBed.inject(KitchenPreferences).setStations([], ['grill', 'fry']);
      expect(localStorage.getItem(KITCHEN_STORAGE_KEYS.stationChosenWith)).toBe('grill,fry');
      const preferences = reopened();
      expect(preferences.settleFor(['grill', 'fry'])).toBeFalse();
      expect(preferences.stations()).toEqual([]);
      expect(reopened().stations()).toEqual([]);
    });

    it('stays for a member without stations, and any chosen station stays for everyone', () => {
      expect(stationsGiveWay([], null, [])).toBeFalse();
      expect(stationsGiveWay(['cold'], null, ['grill'])).toBeFalse();
      expect(stationsGiveWay(['cold'], 'none', ['grill'])).toBeFalse();
      expect(stationsGiveWay([], 'grill', ['grill', 'fry'])).toBeFalse();
    });
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
