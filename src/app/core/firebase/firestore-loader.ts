import { Injectable, inject } from '@angular/core';
import type { Firestore } from 'firebase/firestore';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { firebaseAppLoader } from './firebase';

/**
 * Firestore is loaded on first use, not at start-up: the SDK is ~170 kB gzip and the sign-in
 * page and the shell do not need it.
 */
@Injectable({ providedIn: 'root' })
export class FirestoreLoader {
  private readonly loadApp = firebaseAppLoader();
  private readonly environment = inject(APP_ENVIRONMENT);
  private instance?: Promise<Firestore>;

  firestore(): Promise<Firestore> {
    this.instance ??= Promise.all([this.loadApp(), import('firebase/firestore')]).then(([app, { initializeFirestore, connectFirestoreEmulator }]) => {
      const db = initializeFirestore(app, { ignoreUndefinedProperties: true });
      const emulators = this.environment.emulators;
      if (emulators) connectFirestoreEmulator(db, emulators.firestoreHost, emulators.firestorePort);
      return db;
    });
    return this.instance;
  }
}
