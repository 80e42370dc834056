import { EnvironmentProviders, InjectionToken, PLATFORM_ID, inject, makeEnvironmentProviders, provideEnvironmentInitializer } from '@angular/core';
import { isPlatformBrowser } from '@angular/common';
import type { FirebaseApp } from 'firebase/app';
import type { Auth } from 'firebase/auth';
import { APP_ENVIRONMENT, type AppEnvironment } from '../config/app-environment';

/** Give these to use an app or Auth made elsewhere (specs); the app makes its own otherwise. */
export const FIREBASE_APP = new InjectionToken<FirebaseApp>('FIREBASE_APP');
export const FIREBASE_AUTH = new InjectionToken<Auth>('FIREBASE_AUTH');

/**
 * Firebase for the whole SPA. The SDK is not in the initial bundle (~28 kB gzip with Auth), but its
 * download starts as the app starts, beside the first route's chunks: the first screen needs it to
 * know who is signed in, and fetched after them it cost a round trip (0.6 s on slow 4G). Not when
 * the build prerenders the sign-in page in Node (app.config.server.ts): Auth has no part there.
 */
export function provideFirebase(environment: AppEnvironment): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: APP_ENVIRONMENT, useValue: environment },
    provideEnvironmentInitializer(() => {
      if (isPlatformBrowser(inject(PLATFORM_ID))) void import('firebase/auth');
    }),
  ]);
}

/** The Firebase app: the one provided, else this page's (one per page, even across injectors). */
export function firebaseAppLoader(): () => Promise<FirebaseApp> {
  const given = inject(FIREBASE_APP, { optional: true });
  const environment = inject(APP_ENVIRONMENT);
  if (given) return () => Promise.resolve(given);
  return () =>
    import('firebase/app').then(({ getApp, getApps, initializeApp }) => (getApps().length ? getApp() : initializeApp(environment.firebase)));
}

const authOfApp = new WeakMap<FirebaseApp, Promise<Auth>>();

/**
 * Firebase Auth: the one provided, else one per Firebase app. `initializeAuth` (not `getAuth`)
 * keeps the popup and redirect resolvers out of the bundle: we sign in with email and password only.
 * Call in an injection context; the function it returns loads (or reuses) Auth when called.
 */
export function firebaseAuthLoader(): () => Promise<Auth> {
  const given = inject(FIREBASE_AUTH, { optional: true });
  if (given) return () => Promise.resolve(given);
  const loadApp = firebaseAppLoader();
  const emulators = inject(APP_ENVIRONMENT).emulators;
  return async () => {
    const app = await loadApp();
    let auth = authOfApp.get(app);
    if (!auth) {
      auth = import('firebase/auth').then(({ browserLocalPersistence, connectAuthEmulator, indexedDBLocalPersistence, initializeAuth }) => {
        const made = initializeAuth(app, { persistence: [indexedDBLocalPersistence, browserLocalPersistence] });
        if (emulators) connectAuthEmulator(made, emulators.auth, { disableWarnings: true });
        return made;
      });
      // A chunk that did not arrive (offline) is asked for again next time.
      auth.catch(() => authOfApp.delete(app));
      authOfApp.set(app, auth);
    }
    return auth;
  };
}
