// `npm start` keeps the emulators' data: a save every few minutes, and one at exit (whose failure
// is emulator-saves-at-exit.test.ts's: one test per file, for node:test's 2 minutes per file). Each test runs the real emulator
// start (test/scripts/fixtures/saved-emulators.mjs: the supervisor and startSavedEmulators of
// scripts/start.mjs) as a child process, on free ports and a project of its own, so the shared
// emulators on 8080/9099 are never touched.
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { accountExists, emulatorConfig, periodicSaveAfter, readNote, signUp, startRun, workDir, writeNote } from './support/saved-emulators.ts';

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
