// The Material icon names the app can show: every name written between <mat-icon> tags (also the
// quoted names in an interpolation there) and every quoted string in the app's code, contracts and
// demo data that is the name of an icon (names chosen in code: a status's icon, the category
// palette). A few quoted words that are not meant as icons ride along; that costs bytes, not looks.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCANNED = ['src/app', 'contracts', 'scripts/seed'];
const requireCjs = createRequire(import.meta.url);

/** Every icon the full font has (the package lists them with the version that added each). */
export function allIconNames() {
  return new Set(Object.keys(requireCjs('material-icons/_data/versions.json')));
}

function sourceFiles(dir) {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|html)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The words between <mat-icon …> and </mat-icon>: static names, and quoted names in {{ … }}. */
export function namesInIconTags(text) {
  const names = [];
  for (const [, inner] of text.matchAll(/<mat-icon\b[^>]*>([^<]*)<\/mat-icon>/g)) {
    const trimmed = inner.trim();
    if (/^[a-z0-9_]+$/.test(trimmed)) names.push(trimmed);
    for (const [, quoted] of trimmed.matchAll(/'([a-z0-9_]+)'/g)) names.push(quoted);
  }
  return names;
}

/** Sorted, and only names the font has: a name it lacks would show as a word in any font. */
export function usedIconNames() {
  const known = allIconNames();
  const used = new Set();
  for (const file of SCANNED.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const name of namesInIconTags(text)) used.add(name);
    // An event's or a selector's name is never an icon ('input', 'style').
    for (const [, quoted] of text.matchAll(/(?<!(?:EventListener|querySelector|querySelectorAll)\()['"`]([a-z0-9_]+)['"`]/g)) if (known.has(quoted)) used.add(quoted);
  }
  return [...used].filter((name) => known.has(name)).sort();
}

/** Names written alone between icon tags that the font does not have (a typo shows as the word). */
export function unknownIconNames() {
  const known = allIconNames();
  const unknown = new Set();
  for (const file of SCANNED.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const [, inner] of text.matchAll(/<mat-icon\b[^>]*>\s*([a-z0-9_]+)\s*<\/mat-icon>/g)) if (!known.has(inner)) unknown.add(inner);
  }
  return [...unknown].sort();
}
