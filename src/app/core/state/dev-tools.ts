import type { EnvironmentProviders } from '@angular/core';

/**
 * What only development builds add to the app: nothing here. The development configuration in
 * angular.json replaces this file with dev-tools.development.ts (the Redux DevTools bridge), so
 * @ngrx/store-devtools is not in the production bundle at all, not merely switched off.
 */
export const devTools: EnvironmentProviders[] = [];
