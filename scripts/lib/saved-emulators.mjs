// Starts the Firebase emulators under a supervisor with their data saved: the newest good save is
// loaded, the data is saved every few minutes and once more when we stop (after the API, before
// the emulators). We export through the emulator hub ourselves instead of `--export-on-exit`:
// firebase-tools finds its hub through a file per project in the temp folder, which any other
// emulator run of the same project (npm test, a second npm start) overwrites or deletes, and then
// its exit export fails ("Did not find any running emulators") while everything reports success.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineFirestoreEmulatorEnv } from '../firestore-emulator-offline.mjs';
import { createEmulatorSaves, describeTime } from './emulator-saves.mjs';
import { BIN, waitForUrl } from './local-stack.mjs';

export const SAVE_EVERY_MS = 3 * 60_000;

const loud = (lines) => console.error(`\n\x1b[1;31m${lines.join('\n')}\x1b[0m\n`);

/** The hub of *our* emulators: its locator file, checked against the ports we started. */
async function findOurHub(projectId, ports) {
  const locator = join(tmpdir(), `hub-${projectId}.json`);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const origin = JSON.parse(readFileSync(locator, 'utf8')).origins[0];
      const running = await (await fetch(`${origin}/emulators`)).json();
      if (running.firestore?.port === ports.firestore && running.auth?.port === ports.auth) return origin;
    } catch {
      // not written yet, or a hub that is gone
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the emulator hub of ${projectId} was not found (${locator})`);
}

/**
 * `start` is the supervisor's; `ports` are the Firestore and Auth ports the config names.
 * Resolves once both emulators answer, with { child, saveNow(reason) }.
 */
export async function startSavedEmulators({ start, dataDir, projectId, ports, config, saveEveryMs = SAVE_EVERY_MS }) {
  const saves = createEmulatorSaves(dataDir);
  saves.removeInterruptedSaves();
  const failure = saves.lastFailure();
  if (failure) loud([`The last save (${failure.what}, at ${describeTime(failure.at)}) failed: ${failure.error}.`]);
  let lastGood = saves.newestGoodSave();
  console.log(lastGood ? `Loading the emulator data of ${saves.describe(lastGood)}.` : `No saved emulator data in ${saves.shown(dataDir)}: starting from the demo data.`);

  const args = [BIN.firebase, 'emulators:start', '--only', 'auth,firestore', '--project', projectId];
  if (config) args.push('--config', config);
  if (lastGood) args.push('--import', lastGood.dir);

  let hubOrigin = null;
  let saving = Promise.resolve(null);
  let timer;
  const whereLastGood = () =>
    lastGood ? `The last good save is ${saves.describe(lastGood)}; the next start loads it.` : 'There is no earlier save: the next start begins from the demo data.';

  /** Resolves null once saved, else what went wrong; saves never overlap. */
  function saveNow(reason) {
    const attempt = saving.then(async () => {
      if (!hubOrigin) throw new Error('the emulator hub was never found');
      lastGood = await saves.save(hubOrigin, reason);
      console.log(`\x1b[2mSaved the emulator data (${reason}) to ${saves.shown(lastGood.dir)}.\x1b[0m`);
      return null;
    }).catch((error) => error.message);
    saving = attempt;
    return attempt;
  }

  async function savePeriodically() {
    const failed = await saveNow('periodic');
    if (failed) loud([`✖ Saving the emulator data FAILED: ${failed}. Trying again in ${Math.round(saveEveryMs / 60_000) || 1} min.`, `  ${whereLastGood()}`]);
  }

  // The save at exit: our own stop hook, so its outcome decides our exit code.
  async function saveBeforeStop() {
    clearInterval(timer);
    const failed = await saveNow('on exit');
    if (!failed) return true;
    loud([
      `✖ The emulator data was NOT saved at exit: ${failed}.`,
      `  What changed in this session after the last good save is lost. ${whereLastGood()}`,
    ]);
    return false;
  }

  const child = start('firebase', args, { NO_UPDATE_NOTIFIER: '1', ...offlineFirestoreEmulatorEnv() }, {
    stopSignal: 'SIGINT',
    beforeStop: saveBeforeStop,
    onUnexpectedExit: (code, _child, stopAll) => {
      clearInterval(timer);
      loud([`✖ The Firebase emulators stopped unexpectedly (exit code ${code}): nothing more can be saved.`, `  ${whereLastGood()}`]);
      void stopAll(1);
    },
  });
  const gone = () => (child.exitCode !== null ? 'the Firebase emulators failed to start (see above)' : null);
  await waitForUrl(`http://127.0.0.1:${ports.firestore}/`, { abort: gone });
  await waitForUrl(`http://127.0.0.1:${ports.auth}/`, { abort: gone });
  try {
    hubOrigin = await findOurHub(projectId, ports);
  } catch (error) {
    loud([`✖ Saving is OFF: ${error.message}. Nothing of this session will be saved.`, `  ${whereLastGood()}`]);
  }
  if (hubOrigin) timer = setInterval(() => void savePeriodically(), saveEveryMs);
  return { child, saveNow };
}
