// npm test runs the server suite on an emulator pair of its own (scripts/lib/emulator-pair.mjs),
// beside Karma and the journeys on demo-maestro. What the run relies on: sign-ins land in the
// pair's project, a pair that cannot start says so instead of hanging, and nothing of it
// (the Firestore emulator is a detached Java process) outlives it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startEmulatorPair, type EmulatorPair } from '../../scripts/lib/emulator-pair.mjs';

const projectId = (what: string) => `demo-maestro-pair-${what}-${randomBytes(3).toString('hex')}`;
const started: EmulatorPair[] = [];
after(() => started.forEach((pair) => pair.kill()));

/** The processes whose command line names `text` (the project id is on firebase-tools' and Java's). */
function processesNaming(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

const hasProc = existsSync('/proc/self/cmdline');

/** SIGKILL is delivered asynchronously: give the processes a moment (up to 10 s) to be gone. */
async function whenGone(id: string): Promise<number[]> {
  for (let tries = 0; tries < 100 && processesNaming(id).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  return processesNaming(id);
}

test('a pair signs users in to its own project, and kill() leaves nothing of it running', { skip: !hasProc && 'needs /proc' }, async () => {
  const id = projectId('up');
  const pair = await startEmulatorPair({ projectId: id });
  started.push(pair);
  assert.equal(pair.env['GCLOUD_PROJECT'], id);
  assert.equal(pair.env['FIREBASE_AUTH_EMULATOR_HOST'], `127.0.0.1:${pair.ports.auth}`);

  const auth = `http://${pair.env['FIREBASE_AUTH_EMULATOR_HOST']}/identitytoolkit.googleapis.com/v1`;
  const account = { email: 'pair@maestro.test', password: 'pair-password', returnSecureToken: true };
  const post = (path: string) =>
    fetch(`${auth}/${path}?key=fake-api-key`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(account) });
  const signUp = await post('accounts:signUp');
  assert.equal(signUp.status, 200, await signUp.clone().text());
  const signIn = await post('accounts:signInWithPassword');
  const { idToken } = (await signIn.json()) as { idToken: string };
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud: string };
  assert.equal(claims.aud, id, 'the token is for the pair project, not demo-maestro');

  const firestore = await fetch(`http://${pair.env['FIRESTORE_EMULATOR_HOST']}/`);
  assert.equal(firestore.status, 200);
  assert.ok(processesNaming(id).length >= 2, 'firebase-tools and the Firestore emulator run');

  pair.kill();
  assert.deepEqual(await whenGone(id), [], 'nothing of the pair is left running');
  assert.ok(!existsSync(join(tmpdir(), `hub-${id}.json`)), "firebase-tools' hub locator file is gone too");
  await assert.rejects(fetch(`http://${pair.env['FIRESTORE_EMULATOR_HOST']}/`), 'the Firestore port is closed');
});

test('a pair whose port is taken fails at once, naming the pair and the cause, and leaves nothing running', { skip: !hasProc && 'needs /proc' }, async () => {
  const squatter: Server = await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
  });
  const address = squatter.address();
  const taken = typeof address === 'object' && address ? address.port : 0;
  const id = projectId('taken');
  try {
    await assert.rejects(startEmulatorPair({ projectId: id, ports: { firestore: taken } }), (error: Error) => {
      assert.match(error.message, new RegExp(`emulators of ${id} \\(Firestore 127\\.0\\.0\\.1:${taken}, Auth 127\\.0\\.0\\.1:\\d+\\) did not start`));
      assert.match(error.message, /they exited/);
      const output = error.message.split('The end of their output:')[1] ?? '';
      assert.match(output, new RegExp(`${taken}`), 'their own output says which port');
      return true;
    });
    assert.deepEqual(await whenGone(id), []);
  } finally {
    squatter.close();
  }
});
