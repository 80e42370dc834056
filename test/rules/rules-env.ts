// One rules-test environment per test file, each in a project of its own: clearing it between
// tests never wipes the app's demo data or another file's.
import { readFileSync } from 'node:fs';
import { after, afterEach, before } from 'node:test';
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';

/** Registers the file's set-up and tear-down; call the result inside a test for the environment. */
export function useRulesEnvironment(projectId: string): () => RulesTestEnvironment {
  let env: RulesTestEnvironment | undefined;
  before(async () => {
    const [host, port] = (process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080').split(':');
    env = await initializeTestEnvironment({
      projectId,
      firestore: { rules: readFileSync('firestore.rules', 'utf8'), host, port: Number(port) },
    });
  });
  afterEach(() => env?.clearFirestore());
  after(() => env?.cleanup());
  return () => {
    if (!env) throw new Error('The rules test environment is not set up yet.');
    return env;
  };
}
