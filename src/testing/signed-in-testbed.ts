import { TestBed } from '@angular/core/testing';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import type { Firestore } from 'firebase/firestore';
import { APP_ENVIRONMENT } from '../app/core/config/app-environment';
import { FIREBASE_APP } from '../app/core/firebase/firebase';
import { FirestoreLoader } from '../app/core/firebase/firestore-loader';
import { environment } from '../environments/environment.development';
import { createEmulatorApp, signInAsDemo, type DemoEmail } from './emulator-app';

export interface SignedInTestBed {
  app: FirebaseApp;
  uid: string;
  /** The app's own Firestore (the one its repositories use), for what a spec sets up. */
  db: Firestore;
  /** For afterAll: resets TestBed and deletes the Firebase app. */
  dispose(): Promise<void>;
}

/**
 * TestBed with the app's Firebase providers over an emulator app signed in as a demo user, for
 * repository specs that read and write the emulator under the real rules. Inject what the spec
 * needs right after: TestBed tears its module down after each spec.
 */
export async function signedInTestBed(name: string, as: DemoEmail): Promise<SignedInTestBed> {
  const { app, auth } = createEmulatorApp(name);
  const uid = (await signInAsDemo(auth, as)).uid;
  TestBed.configureTestingModule({
    providers: [
      { provide: FIREBASE_APP, useValue: app },
      { provide: APP_ENVIRONMENT, useValue: environment },
    ],
  });
  const db = await TestBed.inject(FirestoreLoader).firestore();
  return {
    app,
    uid,
    db,
    dispose: async () => {
      TestBed.resetTestingModule();
      await deleteApp(app);
    },
  };
}
