// What a kitchen screen remembers between services, per browser: the station it shows, when
// tickets turn yellow and red, and whether it chimes. A wall screen is set up once.
import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import type { KitchenStation } from '@maestro/contracts';
import { KITCHEN_STATIONS } from './kitchen-keys';
import { thresholdsFrom, type AgingThresholds } from './ticket-aging';

export const KITCHEN_STORAGE_KEYS = {
  station: 'maestro.kitchen.station',
  aging: 'maestro.kitchen.aging',
  sound: 'maestro.kitchen.sound',
} as const;

/** A station from a URL or storage: `'all'` is every station (null); anything unknown is undefined. */
export function parseStation(value: string | null | undefined): KitchenStation | null | undefined {
  if (value === 'all') return null;
  return KITCHEN_STATIONS.find((station) => station === value);
}

@Injectable({ providedIn: 'root' })
export class KitchenPreferences {
  // Storage can be missing or refuse writes (private windows, quotas): the screen still works.
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;

  private readonly stationValue = signal(parseStation(this.read(KITCHEN_STORAGE_KEYS.station)) ?? null);
  private readonly agingValue = signal(thresholdsFrom(parseJson(this.read(KITCHEN_STORAGE_KEYS.aging))));
  private readonly soundValue = signal(this.read(KITCHEN_STORAGE_KEYS.sound) !== 'off');

  readonly station = this.stationValue.asReadonly();
  readonly aging = this.agingValue.asReadonly();
  /** On unless turned off: a screen that does not chime lets a new order wait unseen. */
  readonly sound = this.soundValue.asReadonly();

  setStation(station: KitchenStation | null): void {
    this.stationValue.set(station);
    this.write(KITCHEN_STORAGE_KEYS.station, station ?? 'all');
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

  private write(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch {
      // Not remembered after a reload; the choice still holds for this session.
    }
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
