// For specs only: a Firebase app of its own, connected to the local emulators, optionally signed in
// as a seeded demo user. Each spec gets a uniquely named app so specs never share auth state.
import { initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, inMemoryPersistence, initializeAuth, signInWithEmailAndPassword, type Auth } from 'firebase/auth';
import { connectFirestoreEmulator, initializeFirestore, type Firestore } from 'firebase/firestore';
import { environment } from '../environments/environment.development';

const DEMO_PASSWORDS = { 'staff@maestro.test': 'maestro-staff', 'admin@maestro.test': 'maestro-admin' } as const;
export type DemoEmail = keyof typeof DEMO_PASSWORDS;

export function createEmulatorApp(name: string): { app: FirebaseApp; auth: Auth } {
  const app = initializeApp(environment.firebase, `${name}-${Math.random()}`);
  const auth = initializeAuth(app, { persistence: inMemoryPersistence });
  connectAuthEmulator(auth, environment.emulators!.auth, { disableWarnings: true });
  return { app, auth };
}

/** Signs in as a seeded demo user (`npm test` seeds before Karma); resolves with the user. */
export async function signInAsDemo(auth: Auth, email: DemoEmail) {
  return (await signInWithEmailAndPassword(auth, email, DEMO_PASSWORDS[email])).user;
}

export function emulatorFirestore(app: FirebaseApp): Firestore {
  const db = initializeFirestore(app, {});
  connectFirestoreEmulator(db, environment.emulators!.firestoreHost, environment.emulators!.firestorePort);
  return db;
}
