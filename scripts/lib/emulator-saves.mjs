// The local emulators' saved data (`npm start`, `npm run start:cluster`), kept in two slots so one
// failed save never loses more than the time since the save before it:
//   <dataDir>/latest/     the newest good save (what the next start loads)
//   <dataDir>/previous/   the good save before it
//   <dataDir>/last-failed-save.json   what went wrong the last time a save failed (until one works)
// A save is exported into a fresh folder, checked, and only then rotated in: previous is dropped,
// latest becomes previous, the new folder becomes latest. A crash between the renames leaves
// previous, which a start loads. A save from before these slots (export files straight in dataDir)
// is loaded too, and becomes previous at the first new save.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { ROOT } from './local-stack.mjs';

const EXPORT_METADATA = 'firebase-export-metadata.json';
const SAVE_INFO = 'maestro-save.json';
const FAILURE_FILE = 'last-failed-save.json';
const LEGACY_ENTRIES = [EXPORT_METADATA, 'firestore_export', 'auth_export'];

/** `14:05:09 on 1 Mar 2026`: when a save was made, for the terminal. */
export function describeTime(iso) {
  const at = new Date(iso);
  const date = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  return `${at.toLocaleTimeString('en-GB', { hour12: false })} on ${date}`;
}

export function createEmulatorSaves(dataDir) {
  const slot = (name) => join(dataDir, name);
  const shown = (dir) => {
    const inside = relative(ROOT, dir);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : dir;
  };

  /** A slot's save, or null when it holds no complete export. */
  function readSave(dir) {
    const metadata = join(dir, EXPORT_METADATA);
    if (!existsSync(metadata)) return null;
    try {
      const exported = JSON.parse(readFileSync(metadata, 'utf8'));
      if (!exported.firestore || !exported.auth) return null;
    } catch {
      return null;
    }
    const infoFile = join(dir, SAVE_INFO);
    const info = existsSync(infoFile) ? JSON.parse(readFileSync(infoFile, 'utf8')) : { reason: 'before saves were rotated', savedAt: statSync(metadata).mtime.toISOString() };
    return { dir, ...info };
  }

  /** The newest good save of latest, previous and a save from before the slots; null if none. */
  function newestGoodSave() {
    const saves = [slot('latest'), slot('previous'), dataDir].map(readSave).filter(Boolean);
    return saves.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0] ?? null;
  }

  function describe(save) {
    return `${shown(save.dir)} (saved at ${describeTime(save.savedAt)}, ${save.reason})`;
  }

  function lastFailure() {
    const file = slot(FAILURE_FILE);
    if (!existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return { at: statSync(file).mtime.toISOString(), what: 'a save', error: 'unreadable record of the failure' };
    }
  }

  function recordFailure(what, error) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(slot(FAILURE_FILE), JSON.stringify({ at: new Date().toISOString(), what, error }, null, 2));
  }

  /** Moves export files written straight into dataDir (before the slots) into previous/. */
  function retireLegacySave() {
    if (!existsSync(join(dataDir, EXPORT_METADATA))) return;
    mkdirSync(slot('previous'));
    for (const entry of LEGACY_ENTRIES) {
      if (existsSync(join(dataDir, entry))) renameSync(join(dataDir, entry), join(slot('previous'), entry));
    }
  }

  function rotateIn(fresh) {
    rmSync(slot('previous'), { recursive: true, force: true });
    if (existsSync(slot('latest'))) renameSync(slot('latest'), slot('previous'));
    else retireLegacySave();
    renameSync(fresh, slot('latest'));
  }

  /**
   * Asks the emulator hub to export everything into a fresh folder, checks the export and rotates
   * it in. Resolves with the new save; rejects (and records the failure) with what went wrong.
   */
  async function save(hubOrigin, reason) {
    const fresh = slot(`.saving-${process.pid}-${Date.now()}`);
    const strayBefore = new Set(strayExportFolders());
    try {
      mkdirSync(dataDir, { recursive: true });
      const response = await fetch(`${hubOrigin}/_admin/export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: fresh, initiatedBy: 'maestro-start' }),
        signal: globalThis.AbortSignal.timeout(120_000),
      });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        throw new Error(`the emulator hub answered ${response.status}${body.message ? `: ${body.message}` : ''}`);
      }
      if (!readSave(fresh)) throw new Error(`the export in ${shown(fresh)} is incomplete`);
      const savedAt = new Date().toISOString();
      writeFileSync(join(fresh, SAVE_INFO), JSON.stringify({ savedAt, reason }, null, 2));
      rotateIn(fresh);
      rmSync(slot(FAILURE_FILE), { force: true });
      return { dir: slot('latest'), savedAt, reason };
    } catch (error) {
      rmSync(fresh, { recursive: true, force: true });
      const message = error.cause?.code === 'ECONNREFUSED' ? 'the emulators no longer answer' : error.message;
      recordFailure(reason, message);
      throw new Error(message, { cause: error });
    } finally {
      for (const stray of strayExportFolders()) if (!strayBefore.has(stray)) rmSync(join(ROOT, stray), { recursive: true, force: true });
    }
  }

  // firebase-tools exports into a temporary folder in the emulators' working folder (ROOT) and
  // leaves it there when the export fails.
  function strayExportFolders() {
    return readdirSync(ROOT).filter((entry) => entry.startsWith('firebase-export-'));
  }

  /** Leftover folders of saves that were interrupted (the process was killed mid-save). */
  function removeInterruptedSaves() {
    if (!existsSync(dataDir)) return;
    for (const entry of readdirSync(dataDir)) if (entry.startsWith('.saving-')) rmSync(join(dataDir, entry), { recursive: true, force: true });
  }

  return { newestGoodSave, describe, lastFailure, save, removeInterruptedSaves, shown };
}
