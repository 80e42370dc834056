import type { EnvironmentProviders } from '@angular/core';

/** Development builds render everything in the browser: nothing to hydrate (see hydration.ts). */
export const hydration: EnvironmentProviders[] = [];
