import { randomUUID } from 'node:crypto';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';

export const DEFAULT_FIRESTORE_EMULATOR_HOST = '127.0.0.1:8080';
export const DEFAULT_AUTH_EMULATOR_HOST = '127.0.0.1:9099';

export interface FirebaseServices {
  app: App;
  auth: Auth;
  firestore: Firestore;
  /** Ends Firestore's channels so the process can exit. */
  close(): Promise<void>;
}

/**
 * A `demo-*` project exists only in the emulators: if the emulator hosts are unset we point
 * them at the local defaults, so a demo configuration can never talk to production Google APIs.
 * Must run before the Auth and Firestore clients are created (they read these variables).
 */
export function useEmulatorsForDemoProject(
  projectId: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!projectId.startsWith('demo-')) return;
  env['FIRESTORE_EMULATOR_HOST'] ||= DEFAULT_FIRESTORE_EMULATOR_HOST;
  env['FIREBASE_AUTH_EMULATOR_HOST'] ||= DEFAULT_AUTH_EMULATOR_HOST;
  // Google's auth library otherwise probes the GCE metadata server (a network call, and a
  // warning off Google Cloud) although the emulators need no credentials.
  env['METADATA_SERVER_DETECTION'] ||= 'none';
}

/** A firebase-admin app of its own (a unique name), so tests can hold several side by side. */
export function createFirebase(projectId: string): FirebaseServices {
  useEmulatorsForDemoProject(projectId);
  // No credential: application default credentials in production; the emulators need none.
  const app = initializeApp({ projectId }, `maestro-${randomUUID()}`);
  return {
    app,
    auth: getAuth(app),
    firestore: getFirestore(app),
    close: () => deleteApp(app),
  };
}
