// What a kitchen screen remembers between services, per browser: the stations it shows (once
// someone chose them here), when tickets turn yellow and red, and whether it chimes. A wall screen
// is set up once.
import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { stationFilterOf, type StationFilter } from '../../state/kitchen-view';
import { KITCHEN_STATIONS } from './kitchen-keys';
import { thresholdsFrom, type AgingThresholds } from './ticket-aging';

export const KITCHEN_STORAGE_KEYS = {
  station: 'maestro.kitchen.station',
  /** The stations the member had when the station choice was made ('none'); absent before it was kept. */
  stationChosenWith: 'maestro.kitchen.stationChosenWith',
  aging: 'maestro.kitchen.aging',
  sound: 'maestro.kitchen.sound',
} as const;

/**
 * Stations from a URL or storage: `'all'` is every station (empty), `grill,fry` those two;
 * anything with an unknown station is undefined (not a choice).
 */
export function parseStations(value: string | null | undefined): StationFilter | undefined {
  if (value === 'all') return [];
  const names = value?.split(',') ?? [];
  if (!names.length || !names.every((name) => KITCHEN_STATIONS.some((station) => station === name))) return undefined;
  return stationFilterOf(names as StationFilter);
}

/** How a station filter is written in a URL and in storage. */
export const stationsParam = (stations: StationFilter): string => (stations.length ? stations.join(',') : 'all');

@Injectable({ providedIn: 'root' })
export class KitchenPreferences {
  // Storage can be missing or refuse writes (private windows, quotas): the screen still works.
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;

  private readonly stationsValue = signal(parseStations(this.read(KITCHEN_STORAGE_KEYS.station)) ?? null);
  private readonly agingValue = signal(thresholdsFrom(parseJson(this.read(KITCHEN_STORAGE_KEYS.aging))));
  private readonly soundValue = signal(this.read(KITCHEN_STORAGE_KEYS.sound) !== 'off');

  /** The stations chosen on this screen; null until someone chooses (the member's own then apply). */
  readonly stations = this.stationsValue.asReadonly();
  readonly aging = this.agingValue.asReadonly();
  /** On unless turned off: a screen that does not chime lets a new order wait unseen. */
  readonly sound = this.soundValue.asReadonly();

  /** A choice made on this screen; `member`: the stations of whoever made it (from their claims). */
  setStations(stations: StationFilter, member: StationFilter): void {
    this.stationsValue.set(stations);
    this.write(KITCHEN_STORAGE_KEYS.station, stationsParam(stations));
    this.write(KITCHEN_STORAGE_KEYS.stationChosenWith, memberParam(member));
  }

  /**
   * Once the member is known (the kitchen opens): a saved "All" that is not the choice of a member
   * with stations gives way to this member's stations, once. Screens before stations came from the
   * claims saved "all" as their default, and a cook given stations since should open on them; an
   * All chosen by a member who had stations is a choice and stays. True when it gave way.
   */
  settleFor(member: StationFilter): boolean {
    const saved = this.stationsValue();
    if (saved === null || !stationsGiveWay(saved, this.read(KITCHEN_STORAGE_KEYS.stationChosenWith), member)) return false;
    this.stationsValue.set(null);
    this.remove(KITCHEN_STORAGE_KEYS.station);
    this.remove(KITCHEN_STORAGE_KEYS.stationChosenWith);
    return true;
  }

  setAging(thresholds: AgingThresholds): void {
    this.agingValue.set(thresholds);
    this.write(KITCHEN_STORAGE_KEYS.aging, JSON.stringify(thresholds));
  }

  setSound(on: boolean): void {
    this.soundValue.set(on);
    this.write(KITCHEN_STORAGE_KEYS.sound, on ? 'on' : 'off');
  }

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // Storage refused: the choice is dropped for this session anyway.
    }
  }

  private write(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch {
      // Not remembered after a reload; the choice still holds for this session.
    }
  }
}

const memberParam = (member: StationFilter): string => (member.length ? member.join(',') : 'none');

/**
 * A saved All (every station) gives way to the member's own stations when it was saved by an older
 * screen (no record of who chose it: perhaps only its default) or by a member with no stations.
 */
export function stationsGiveWay(saved: StationFilter, chosenWith: string | null, member: StationFilter): boolean {
  return saved.length === 0 && member.length > 0 && (chosenWith === null || chosenWith === 'none');
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
