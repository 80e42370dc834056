import { EnvironmentProviders, InjectionToken, inject, makeEnvironmentProviders } from '@angular/core';
import { getApp, getApps, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  browserLocalPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
  type Auth,
} from 'firebase/auth';
import { APP_ENVIRONMENT, type AppEnvironment } from '../config/app-environment';

export const FIREBASE_APP = new InjectionToken<FirebaseApp>('FIREBASE_APP');
export const FIREBASE_AUTH = new InjectionToken<Auth>('FIREBASE_AUTH');

/**
 * Firebase app and Auth for the whole SPA. `initializeAuth` (not `getAuth`) keeps the popup and
 * redirect resolvers out of the bundle: we sign in with email and password only.
 */
export function provideFirebase(environment: AppEnvironment): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: APP_ENVIRONMENT, useValue: environment },
    // One Firebase app per page, even when the injector is rebuilt (tests, hot reload).
    { provide: FIREBASE_APP, useFactory: () => (getApps().length ? getApp() : initializeApp(environment.firebase)) },
    {
      provide: FIREBASE_AUTH,
      useFactory: () => {
        const auth = initializeAuth(inject(FIREBASE_APP), {
          persistence: [indexedDBLocalPersistence, browserLocalPersistence],
        });
        if (environment.emulators) {
          connectAuthEmulator(auth, environment.emulators.auth, { disableWarnings: true });
        }
        return auth;
      },
    },
  ]);
}
