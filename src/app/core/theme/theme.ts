import { isPlatformBrowser } from '@angular/common';
import { DOCUMENT, Injectable, PLATFORM_ID, effect, inject, signal } from '@angular/core';

export type ThemeMode = 'system' | 'light' | 'dark';
/** Also read by the inline script in index.html. */
const STORAGE_KEY = 'maestro.theme';
const NEXT: Record<ThemeMode, ThemeMode> = { system: 'light', light: 'dark', dark: 'system' };

/**
 * Light, dark or follow the system. The Material theme is built with `light-dark()` colours,
 * so switching is just the page's `color-scheme`. The stored choice is first applied by a script
 * in index.html, before the prerendered sign-in page paints; Theme keeps it from then on. When the
 * build prerenders (in Node) it leaves the page and storage alone: that HTML is every visitor's.
 */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  private readonly browser = isPlatformBrowser(inject(PLATFORM_ID));
  readonly mode = signal<ThemeMode>(readStoredMode(this.browser ? this.document.defaultView?.localStorage : undefined));

  constructor() {
    if (!this.browser) return;
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
