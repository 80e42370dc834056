import { InjectionToken } from '@angular/core';
import type { FirebaseOptions } from 'firebase/app';

/** Everything that differs between local development and production, in one typed object. */
export interface AppEnvironment {
  production: boolean;
  /** Base URL of the Orders API and realtime server, without a trailing slash. */
  apiUrl: string;
  firebase: FirebaseOptions;
  /** Connect the SDK to the local emulators instead of the Firebase project. */
  emulators: { auth: string; firestoreHost: string; firestorePort: number } | null;
  /** Show the demo accounts on the sign-in page (never in production). */
  demoAccounts: readonly { label: string; email: string; password: string }[];
}

export const APP_ENVIRONMENT = new InjectionToken<AppEnvironment>('APP_ENVIRONMENT');
