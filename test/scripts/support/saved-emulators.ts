// The emulators' saves, as `npm start` runs them (test/scripts/fixtures/saved-emulators.mjs: the
// supervisor and startSavedEmulators of scripts/start.mjs), started as child processes on free
// ports and a project of their own. Shared by emulator-saves*.test.ts: one test per file, each
// starts the emulators several times (~50 s), and node:test allows a file 2 minutes.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { emulatorsOnPorts } from '../../../scripts/lib/emulator-pair.mjs';


export const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'saved-emulators.mjs');
export const PROJECT_ID = 'demo-maestro-saves-test';
export const workDir = mkdtempSync(join(tmpdir(), 'maestro-saves-test-'));
export const running = new Set<Run>();

after(() => {
  for (const run of running) run.kill();
  rmSync(workDir, { recursive: true, force: true });
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Ports {
  firestore: number;
  auth: number;
}

/** A firebase.json with every port the emulators open chosen free, so runs never collide. */
export async function emulatorConfig(): Promise<{ config: string; ports: Ports }> {
  const [firestore, auth, hub, logging, websocket] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const config = join(mkdtempSync(join(workDir, 'config-')), 'firebase.json');
  writeFileSync(config, JSON.stringify({ emulators: emulatorsOnPorts({ firestore, auth, hub, logging, websocket }) }));
  return { config, ports: { firestore, auth } };
}

export interface Run {
  output(): string;
  exited: Promise<number | null>;
  firebasePid: number;
  stop(): Promise<number | null>;
  kill(): void;
}

export async function startRun(dataDir: string, config: string, ports: Ports, saveEveryMs: number): Promise<Run> {
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

export async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const OWNER = { authorization: 'Bearer owner' }; // the emulator's bypass of the security rules

export async function writeNote(ports: Ports, id: string, text: string): Promise<void> {
  const url = `http://127.0.0.1:${ports.firestore}/v1/projects/${PROJECT_ID}/databases/(default)/documents/notes?documentId=${id}`;
  const response = await fetch(url, { method: 'POST', headers: { ...OWNER, 'content-type': 'application/json' }, body: JSON.stringify({ fields: { text: { stringValue: text } } }) });
  assert.equal(response.status, 200, await response.text());
}

export async function readNote(ports: Ports, id: string): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:${ports.firestore}/v1/projects/${PROJECT_ID}/databases/(default)/documents/notes/${id}`, { headers: OWNER });
  if (response.status === 404) return null;
  return (await response.json()).fields.text.stringValue;
}

export async function signUp(ports: Ports, email: string): Promise<void> {
  const url = `http://127.0.0.1:${ports.auth}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=fake-api-key`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'saved-password' }) });
  assert.equal(response.status, 200, await response.text());
}

export async function accountExists(ports: Ports, email: string): Promise<boolean> {
  const url = `http://127.0.0.1:${ports.auth}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake-api-key`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'saved-password' }) });
  return response.status === 200;
}

export interface SaveInfo {
  savedAt: string;
  reason: string;
}
export const saveInfo = (dataDir: string): SaveInfo | null => {
  const file = join(dataDir, 'latest', 'maestro-save.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};

/**
 * Waits for a periodic save that began after `since`, so it holds what was written before: saves
 * never overlap, so the second one to finish after `since` began after it.
 */
export async function periodicSaveAfter(dataDir: string, since: string): Promise<SaveInfo> {
  const finishedAfter = async (time: string) => {
    await until(() => {
      const info = saveInfo(dataDir);
      return info !== null && info.reason === 'periodic' && info.savedAt > time;
    }, 'a periodic save');
    return saveInfo(dataDir)!;
  };
  return finishedAfter((await finishedAfter(since)).savedAt);
}
