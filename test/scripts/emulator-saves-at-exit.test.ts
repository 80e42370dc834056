// `npm start` keeps the emulators' data (emulator-saves.test.ts: the periodic save); here, a loud failure
// with a non-zero exit code when the save at exit cannot be made. Each test runs the real emulator
// start (test/scripts/fixtures/saved-emulators.mjs: the supervisor and startSavedEmulators of
// scripts/start.mjs) as a child process, on free ports and a project of its own, so the shared
// emulators on 8080/9099 are never touched.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { emulatorConfig, periodicSaveAfter, readNote, saveInfo, startRun, workDir, writeNote } from './support/saved-emulators.ts';

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
