// `npm run icons` (scripts/icon-font/build.mjs): the Material icon font cut down to the icons the app uses
// (issue 21). The full font is 128 kB and a phone on a slow line fetched it beside the board's
// list; the subset keeps each used icon's ligature and glyph and the letters that spell them.
// Writes src/fonts/material-icons-used.woff2 and scripts/icon-font/icons.json (the names).
// test/scripts/icon-font.test.ts fails when a name the app uses is missing: run this again.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { iconGlyph, loadFont } from './icon-shaping.mjs';
import { ROOT, unknownIconNames, usedIconNames } from './used-icons.mjs';

export const SUBSET_FONT = join(ROOT, 'src', 'fonts', 'material-icons-used.woff2');
export const SUBSET_NAMES = join(ROOT, 'scripts', 'icon-font', 'icons.json');
export const FULL_FONT = createRequire(import.meta.url).resolve('material-icons/iconfont/material-icons.woff2');

async function build() {
  const unknown = unknownIconNames();
  if (unknown.length) throw new Error(`Not Material icons (a typo?): ${unknown.join(', ')}`);
  const names = usedIconNames();
  const full = readFileSync(FULL_FONT);
  const shaped = await loadFont(full);
  // The subset is asked for by characters: each icon's own code point (the font maps one to each
  // icon glyph) and the letters of the names. Without layout closure, only the ligatures whose
  // glyph is kept survive: every other icon's name would otherwise come along with the letters.
  const pointOfGlyph = new Map();
  for (const point of [...shaped.face.collectUnicodes()]) {
    if (point < 0xe000) continue;
    const glyph = iconGlyph(shaped, String.fromCodePoint(point));
    if (glyph !== null && !pointOfGlyph.has(glyph)) pointOfGlyph.set(glyph, point);
  }
  const points = names.map((name) => {
    const point = pointOfGlyph.get(iconGlyph(shaped, name));
    if (point === undefined) throw new Error(`The font has no code point for the icon ${name}.`);
    return point;
  });
  const letters = [...new Set(names.join(''))].join('');
  const subset = await subsetFont(full, letters + String.fromCodePoint(...points), { targetFormat: 'woff2', noLayoutClosure: true });
  mkdirSync(join(ROOT, 'src', 'fonts'), { recursive: true });
  writeFileSync(SUBSET_FONT, subset);
  writeFileSync(SUBSET_NAMES, JSON.stringify(names, null, 2) + '\n');
  console.log(`${names.length} icons, ${(subset.length / 1024).toFixed(1)} kB (the full font: ${(full.length / 1024).toFixed(1)} kB)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
