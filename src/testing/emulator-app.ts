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

/**
 * A Firestore of a separate emulator project with rules of the spec's own, for specs of generic
 * machinery (batches, rollback) that must not depend on the product's data model. The user is a
 * mock token, as in the rules tests: no Auth round trip.
 */
export async function playgroundFirestore(projectId: string, rules: string, uid: string): Promise<{ app: FirebaseApp; db: Firestore }> {
  const { firestoreHost, firestorePort } = environment.emulators!;
  const response = await fetch(`http://${firestoreHost}:${firestorePort}/emulator/v1/projects/${projectId}:securityRules`, {
    method: 'PUT',
    body: JSON.stringify({ rules: { files: [{ name: 'playground.rules', content: rules }] } }),
  });
  if (!response.ok) throw new Error(`Could not load the playground rules: ${response.status} ${await response.text()}`);
  const app = initializeApp({ ...environment.firebase, projectId }, `${projectId}-${uid}-${Math.random()}`);
  const db = initializeFirestore(app, {});
  connectFirestoreEmulator(db, firestoreHost, firestorePort, { mockUserToken: { sub: uid, user_id: uid } });
  return { app, db };
}

let ownerDb: Firestore | undefined;
const OWNER_HOST = 'localhost'; // its own connections: see below

/**
 * The emulator's owner (rules bypassed, as the seed and the API write): for fixtures a spec needs
 * that no client could write any more (documents without their activity entry, other members' data).
 *
 * It reaches the emulator as `localhost`, not 127.0.0.1 like the apps under test: Chromium keeps at
 * most 6 HTTP/1.1 connections per host, and a Firestore stream holds one until a minute after its
 * last use. The owner lives the whole run with two streams; four more beside them filled the six, and
 * the next request waited for a stream to close (measured: the owner's read beside 5 listeners had
 * no answer in 15 s; as `localhost`, it took 20 ms beside 12).
 */
export function ownerFirestore(): Firestore {
  if (!ownerDb) {
    const app = initializeApp(environment.firebase, `owner-${Math.random()}`);
    ownerDb = initializeFirestore(app, {});
    connectFirestoreEmulator(ownerDb, OWNER_HOST, environment.emulators!.firestorePort, { mockUserToken: 'owner' });
  }
  return ownerDb;
}
