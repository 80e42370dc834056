// `npm start` keeps the emulators' data: a save every few minutes, one at exit, and a loud failure
// with a non-zero exit code when the save at exit cannot be made. Each test runs the real emulator
// start (test/scripts/fixtures/saved-emulators.mjs: the supervisor and startSavedEmulators of
// scripts/start.mjs) as a child process, on free ports and a project of its own, so the shared
// emulators on 8080/9099 are never touched.
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { emulatorsOnPorts } from '../../scripts/lib/emulator-pair.mjs';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'saved-emulators.mjs');
const PROJECT_ID = 'demo-maestro-saves-test';
const workDir = mkdtempSync(join(tmpdir(), 'maestro-saves-test-'));
const running = new Set<Run>();

after(() => {
  for (const run of running) run.kill();
  rmSync(workDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Ports {
  firestore: number;
  auth: number;
}

/** A firebase.json with every port the emulators open chosen free, so runs never collide. */
async function emulatorConfig(): Promise<{ config: string; ports: Ports }> {
  const [firestore, auth, hub, logging, websocket] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const config = join(mkdtempSync(join(workDir, 'config-')), 'firebase.json');
  writeFileSync(config, JSON.stringify({ emulators: emulatorsOnPorts({ firestore, auth, hub, logging, websocket }) }));
  return { config, ports: { firestore, auth } };
}

interface Run {
  output(): string;
  exited: Promise<number | null>;
  firebasePid: number;
  stop(): Promise<number | null>;
  kill(): void;
}

async function startRun(dataDir: string, config: string, ports: Ports, saveEveryMs: number): Promise<Run> {
  const options = { dataDir, config, projectId: PROJECT_ID, ports, saveEveryMs };
  const child: ChildProcess = spawn(process.execPath, [FIXTURE, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (chunk) => (text += chunk));
  child.stderr?.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let firebasePid = 0;
  const run: Run = {
    output: () => text,
    exited,
    get firebasePid() {
      return firebasePid;
    },
    stop: async () => {
      child.kill('SIGINT'); // Ctrl-C
      const code = await exited;
      running.delete(run);
      return code;
    },
    kill: () => {
      for (const pid of [firebasePid, child.pid]) {
        try {
          if (pid) process.kill(-pid, 'SIGKILL'); // the supervisor's children are process groups
        } catch {
          // gone
        }
      }
      child.kill('SIGKILL');
    },
  };
  running.add(run);
  await until(() => /READY firebase-pid=(\d+)/.test(text) || child.exitCode !== null, 'the emulators to start');
  if (child.exitCode !== null) throw new Error(`the run stopped before it was ready:\n${text}`);
  firebasePid = Number(/READY firebase-pid=(\d+)/.exec(text)?.[1]);
  return run;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const OWNER = { authorization: 'Bearer owner' }; // the emulator's bypass of the security rules

async function writeNote(ports: Ports, id: string, text: string): Promise<void> {
  const url = `http://127.0.0.1:${ports.firestore}/v1/projects/${PROJECT_ID}/databases/(default)/documents/notes?documentId=${id}`;
  const response = await fetch(url, { method: 'POST', headers: { ...OWNER, 'content-type': 'application/json' }, body: JSON.stringify({ fields: { text: { stringValue: text } } }) });
  assert.equal(response.status, 200, await response.text());
}

async function readNote(ports: Ports, id: string): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:${ports.firestore}/v1/projects/${PROJECT_ID}/databases/(default)/documents/notes/${id}`, { headers: OWNER });
  if (response.status === 404) return null;
  return (await response.json()).fields.text.stringValue;
}

async function signUp(ports: Ports, email: string): Promise<void> {
  const url = `http://127.0.0.1:${ports.auth}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=fake-api-key`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'saved-password' }) });
  assert.equal(response.status, 200, await response.text());
}

async function accountExists(ports: Ports, email: string): Promise<boolean> {
  const url = `http://127.0.0.1:${ports.auth}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake-api-key`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'saved-password' }) });
  return response.status === 200;
}

interface SaveInfo {
  savedAt: string;
  reason: string;
}
const saveInfo = (dataDir: string): SaveInfo | null => {
  const file = join(dataDir, 'latest', 'maestro-save.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};

/**
 * Waits for a periodic save that began after `since`, so it holds what was written before: saves
 * never overlap, so the second one to finish after `since` began after it.
 */
async function periodicSaveAfter(dataDir: string, since: string): Promise<SaveInfo> {
  const finishedAfter = async (time: string) => {
    await until(() => {
      const info = saveInfo(dataDir);
      return info !== null && info.reason === 'periodic' && info.savedAt > time;
    }, 'a periodic save');
    return saveInfo(dataDir)!;
  };
  return finishedAfter((await finishedAfter(since)).savedAt);
}

test('a periodic save holds the data, and a start from it alone gets it back', async () => {
  const { config, ports } = await emulatorConfig();
  const dataDir = join(workDir, 'periodic');
  const first = await startRun(dataDir, config, ports, 1_000);
  assert.match(first.output(), /No saved emulator data in .*: starting from the demo data\./);
  await writeNote(ports, 'n1', 'table 4 wants the bill');
  await signUp(ports, 'saved@maestro.test');
  const written = new Date().toISOString();
  await periodicSaveAfter(dataDir, written);

  // Only what the periodic save wrote: a copy taken before the save at exit.
  const copyDir = join(workDir, 'periodic-copy');
  cpSync(join(dataDir, 'latest'), join(copyDir, 'latest'), { recursive: true });
  assert.equal(await first.stop(), 0, first.output());
  assert.match(first.output(), /Saved the emulator data \(on exit\)/);
  assert.match(first.output(), /Stopped\.\n/);

  const second = await startRun(copyDir, config, ports, 600_000);
  try {
    assert.match(second.output(), /Loading the emulator data of .*periodic-copy\/latest \(saved at .*, periodic\)\./);
    assert.equal(await readNote(ports, 'n1'), 'table 4 wants the bill');
    assert.equal(await accountExists(ports, 'saved@maestro.test'), true);
  } finally {
    assert.equal(await second.stop(), 0, second.output());
  }
});

test('a save at exit that fails says what failed and where the last good save is, exits non-zero, and the next start loads that save', async () => {
  const { config, ports } = await emulatorConfig();
  const dataDir = join(workDir, 'failing');
  const run = await startRun(dataDir, config, ports, 1_000);
  await writeNote(ports, 'kept', 'saved before the failure');
  const good = await periodicSaveAfter(dataDir, new Date().toISOString());

  // The Firestore emulator dies (its Java process, started by firebase-tools): every export fails.
  const java = execFileSync('pgrep', ['-P', String(run.firebasePid), 'java'], { encoding: 'utf8' }).trim().split('\n')[0];
  process.kill(Number(java), 'SIGKILL');
  const code = await run.stop();

  const output = run.output();
  assert.notEqual(code, 0, output);
  assert.match(output, /The emulator data was NOT saved at exit: the emulator hub answered 500/);
  assert.match(output, /What changed in this session after the last good save is lost\. The last good save is .*failing\/latest \(saved at .*, periodic\); the next start loads it\./);
  assert.match(output, /Stopped, with the errors above\./);
  assert.doesNotMatch(output, /^Stopped\.$/m);
  const latest = saveInfo(dataDir);
  assert.ok(latest && latest.reason === 'periodic' && latest.savedAt >= good.savedAt, 'the last good save is still there');
  const failure = JSON.parse(readFileSync(join(dataDir, 'last-failed-save.json'), 'utf8'));
  assert.equal(failure.what, 'on exit');

  const next = await startRun(dataDir, config, ports, 600_000);
  try {
    assert.match(next.output(), /The last save \(on exit, at .*\) failed: the emulator hub answered 500/);
    assert.match(next.output(), /Loading the emulator data of .*failing\/latest \(saved at .*, periodic\)\./);
    assert.equal(await readNote(ports, 'kept'), 'saved before the failure');
  } finally {
    assert.equal(await next.stop(), 0, next.output());
  }
  assert.equal(existsSync(join(dataDir, 'last-failed-save.json')), false, 'a good save clears the failure');
  assert.equal(saveInfo(dataDir)?.reason, 'on exit');
});
