// Issue 21: the app ships a subset of the Material icon font (scripts/icon-font/build.mjs). Every
// icon name the app writes must be in it, or a screen would show the word instead of the icon.
// Shapes each name with the subset font as the browser does (ligatures). Under a second.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// The scripts are ES modules with top-level await (harfbuzzjs loads its WebAssembly so): imported
// as such, not through tsx's CommonJS transform.
const load = async () => {
  // @ts-expect-error: plain .mjs scripts without types
  const build = await import('../../scripts/icon-font/build.mjs');
  // @ts-expect-error: plain .mjs scripts without types
  const shaping = await import('../../scripts/icon-font/icon-shaping.mjs');
  // @ts-expect-error: plain .mjs scripts without types
  const used = await import('../../scripts/icon-font/used-icons.mjs');
  return { ...build, ...shaping, ...used } as {
    SUBSET_FONT: string;
    SUBSET_NAMES: string;
    loadFont(bytes: Buffer): Promise<unknown>;
    iconGlyph(font: unknown, name: string): number | null;
    namesInIconTags(text: string): string[];
    unknownIconNames(): string[];
    usedIconNames(): string[];
  };
};

const REBUILD = 'run `npm run icons` and commit its output';

test('every icon name the app uses becomes its icon with the shipped font', async () => {
  const { SUBSET_FONT, loadFont, usedIconNames, iconGlyph } = await load();
  const subset = await loadFont(readFileSync(SUBSET_FONT));
  const missing = usedIconNames().filter((name) => iconGlyph(subset, name) === null);
  assert.deepEqual(missing, [], `Not in the icon font the app ships: ${missing.join(', ')}; ${REBUILD}`);
});

test('the list beside the font is what the app uses today (no stale subset)', async () => {
  const { SUBSET_NAMES, usedIconNames } = await load();
  assert.deepEqual(JSON.parse(readFileSync(SUBSET_NAMES, 'utf8')), usedIconNames(), REBUILD);
});

test('the shipped font is cut down: an icon the app does not use is not in it, and it is small', async () => {
  const { SUBSET_FONT, loadFont, iconGlyph } = await load();
  const subset = await loadFont(readFileSync(SUBSET_FONT));
  assert.equal(iconGlyph(subset, 'rocket_launch'), null);
  assert.ok(readFileSync(SUBSET_FONT).length < 20 * 1024, 'the subset grew past 20 kB');
});

test('a name written between icon tags that is no Material icon is named (a typo)', async () => {
  const { unknownIconNames, namesInIconTags } = await load();
  assert.deepEqual(unknownIconNames(), []);
  assert.deepEqual(namesInIconTags(`<mat-icon>close</mat-icon> <mat-icon aria-hidden="true">{{ on ? 'volume_up' : 'volume_off' }}</mat-icon>`), ['close', 'volume_up', 'volume_off']);
});
