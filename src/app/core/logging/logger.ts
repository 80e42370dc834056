import { InjectionToken, isDevMode } from '@angular/core';

/** Where the SPA's own diagnostics go; the console by default, swappable in tests. */
export interface Logger {
  debug(message: string, context?: unknown): void;
  warn(message: string, context?: unknown): void;
  error(message: string, context?: unknown): void;
}

export const LOGGER = new InjectionToken<Logger>('LOGGER', {
  providedIn: 'root',
  factory: () => ({
    debug: (message, context) => {
      if (isDevMode()) console.debug(message, context ?? '');
    },
    warn: (message, context) => console.warn(message, context ?? ''),
    error: (message, context) => console.error(message, context ?? ''),
  }),
});
