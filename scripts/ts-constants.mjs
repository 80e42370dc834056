// Reads plain `export const NAME = <string or number expression>;` values from a TypeScript file, so
// a build step's inline script and the app share one source for them (early-paint.mjs, head-start.mjs).
import { readFileSync } from 'node:fs';

/** { NAME: value } for each name; throws when one is missing or is not a plain string or number. */
export function readTsConstants(file, names, source = readFileSync(file, 'utf8')) {
  const values = {};
  for (const name of names) {
    const match = source.match(new RegExp(`export const ${name} = ([^;]+);`));
    if (!match) throw new Error(`${name} not found in ${file}`);
    const expression = match[1].trim();
    if (!/^('[^']*'|[\d\s*+]+)$/.test(expression)) throw new Error(`${name} = ${expression} in ${file} is not a plain string or number`);
    values[name] = Function(`return ${expression}`)();
  }
  return values;
}
