import type { EnvironmentProviders } from '@angular/core';
import { provideStoreDevtools } from '@ngrx/store-devtools';

/** Development builds (`npm start`, Karma): the store in the Redux DevTools browser extension. */
export const devTools: EnvironmentProviders[] = [provideStoreDevtools({ maxAge: 50, connectInZone: false })];
