import { createFirebase, type FirebaseServices } from '../../src/firebase';

/** The project the emulators run (emulators:exec sets GCLOUD_PROJECT). */
export const PROJECT_ID = process.env['GCLOUD_PROJECT'] ?? 'demo-maestro';

let shared: FirebaseServices | undefined;

/** One firebase-admin app per test process, pointed at the emulators. */
export function testFirebase(): FirebaseServices {
  shared ??= createFirebase(PROJECT_ID);
  return shared;
}

export async function closeTestFirebase(): Promise<void> {
  await shared?.close();
  shared = undefined;
}

/** Fails early with the command to use when the emulators are not running. */
export async function assertEmulatorsRunning(): Promise<void> {
  const hosts = [
    process.env['FIREBASE_AUTH_EMULATOR_HOST'],
    process.env['FIRESTORE_EMULATOR_HOST'],
  ];
  for (const host of hosts) {
    try {
      await fetch(`http://${host}/`, { signal: AbortSignal.timeout(2000) });
    } catch {
      throw new Error(
        `No emulator answers at ${host}. Run the tests with: node scripts/firebase.mjs emulators:exec --only auth,firestore "npm run test:server"`,
      );
    }
  }
}
