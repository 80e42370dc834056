// Types of emulator-pair.mjs for the TypeScript test that starts a pair.

export interface EmulatorPair {
  projectId: string;
  ports: { firestore: number; auth: number; hub: number };
  /** GCLOUD_PROJECT, FIRESTORE_EMULATOR_HOST, FIREBASE_AUTH_EMULATOR_HOST … for a suite's processes. */
  env: Record<string, string>;
  stop(): Promise<void>;
  kill(): void;
}

type PortName = 'firestore' | 'auth' | 'hub' | 'logging' | 'websocket';

/** The `emulators` block of a firebase.json with every port given. */
export function emulatorsOnPorts(ports: Record<PortName, number>): Record<string, unknown>;

export function startEmulatorPair(options: {
  projectId: string;
  ports?: Partial<Record<PortName, number>>;
  timeoutMs?: number;
  graceMs?: number;
}): Promise<EmulatorPair>;
