// What the build steps that write into the built pages share (preload-hints.mjs, early-paint.mjs,
// head-start.mjs): each replaces the inline script it wrote before, and two put theirs at the top.

/** The page without the inline script a step wrote before (`<script ${mark}>…</script>`). */
export function withoutScript(html, mark) {
  return html.replace(new RegExp(`<script ${mark}>.*?</script>`), '');
}

/**
 * `markup` first in the head, after the charset (which must stay in the first kilobyte): a shell's
 * head holds tens of kB of inline style, and what comes after it waits for a phone to parse that.
 */
export function atTopOfHead(html, markup, path) {
  const first = html.match(/<meta charset="[^"]*">/) ?? html.match(/<head>/);
  if (!first) throw new Error(`${path} has no <head>`);
  return html.replace(first[0], `${first[0]}${markup}`);
}
