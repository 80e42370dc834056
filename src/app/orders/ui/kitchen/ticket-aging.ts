// How late a ticket is, from how long ago the order was placed. Pure: the page feeds it the
// one-second clock and the thresholds the kitchen chose in the settings panel.

export type AgeLevel = 'on-time' | 'warning' | 'late';

/** Minutes since the order was placed at which a ticket turns yellow, then red. */
export interface AgingThresholds {
  warningMinutes: number;
  lateMinutes: number;
}

export const DEFAULT_AGING: AgingThresholds = { warningMinutes: 10, lateMinutes: 15 };

/** What a colour-blind cook reads instead of the colour. */
export const AGE_LEVEL_LABEL: Record<AgeLevel, string> = {
  'on-time': 'On time',
  warning: 'Getting late',
  late: 'Late',
};

export const AGE_LEVEL_ICON: Record<AgeLevel, string> = {
  'on-time': 'schedule',
  warning: 'warning',
  late: 'alarm',
};

/** A threshold is reached on its minute exactly: 10:00 is yellow, 9:59 is not. */
export function ageLevel(ageMs: number, thresholds: AgingThresholds): AgeLevel {
  if (ageMs >= thresholds.lateMinutes * 60_000) return 'late';
  if (ageMs >= thresholds.warningMinutes * 60_000) return 'warning';
  return 'on-time';
}

/** Milliseconds since `createdAt` (ISO) at `now`; never negative (a clock a little behind the server's). */
export function ageMs(createdAt: string, now: number): number {
  return Math.max(0, now - Date.parse(createdAt));
}

/** "mm:ss", minutes unbounded ("75:03"): a kitchen counts a late ticket in minutes, not hours. */
export function formatTimer(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "1 minute", "12 minutes": the age a screen reader says. */
export function spokenMinutes(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export type ThresholdsCheck = { ok: true; value: AgingThresholds } | { ok: false; message: string };

/** The settings panel's two fields as typed; refuses anything but whole minutes with red after yellow. */
export function checkThresholds(warning: string, late: string): ThresholdsCheck {
  const warningMinutes = wholeMinutes(warning);
  const lateMinutes = wholeMinutes(late);
  if (warningMinutes === null || lateMinutes === null) {
    return { ok: false, message: 'Enter both times as whole minutes from 1 to 600, for example 10 and 15.' };
  }
  if (lateMinutes <= warningMinutes) {
    return {
      ok: false,
      message: `Red (late) must come after yellow: set it above ${warningMinutes} minutes, or lower yellow.`,
    };
  }
  return { ok: true, value: { warningMinutes, lateMinutes } };
}

/** Thresholds read back from storage: anything that would not pass the panel falls back to the defaults. */
export function thresholdsFrom(stored: unknown): AgingThresholds {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_AGING;
  const { warningMinutes, lateMinutes } = stored as Partial<Record<keyof AgingThresholds, unknown>>;
  const check = checkThresholds(String(warningMinutes), String(lateMinutes));
  return check.ok ? check.value : DEFAULT_AGING;
}

function wholeMinutes(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  // An upper bound keeps a typo (1500) from turning the colours off for a whole service.
  return minutes >= 1 && minutes <= 600 ? minutes : null;
}
