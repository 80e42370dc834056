import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';

export type ThemeMode = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'maestro.theme';
const NEXT: Record<ThemeMode, ThemeMode> = { system: 'light', light: 'dark', dark: 'system' };

/**
 * Light, dark or follow the system. The Material theme is built with `light-dark()` colours,
 * so switching is just the page's `color-scheme`.
 */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  readonly mode = signal<ThemeMode>(readStoredMode(this.document.defaultView?.localStorage));

  constructor() {
    effect(() => {
      const mode = this.mode();
      this.document.documentElement.style.colorScheme = mode === 'system' ? 'light dark' : mode;
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, mode);
    });
  }

  cycle(): void {
    this.mode.update((mode) => NEXT[mode]);
  }
}

function readStoredMode(storage: Storage | undefined): ThemeMode {
  const stored = storage?.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}
