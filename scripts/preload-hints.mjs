// Route-aware modulepreload hints for the client-only index (issue 21). A signed-in page's code
// arrives in waves: main.js asks for the page's lazy chunk, which imports the chunks it shares with
// other pages, which import theirs; Firebase Auth's SDK the same. On a phone's slow network every
// wave is a round trip (the web-vitals bench measured four, ~2.4 s, before Auth could even start).
// This step reads the build's esbuild metafile (stats.json), takes for each page the chunks that
// hold its entry files and everything they import statically, and writes into index.csr.html
// (and the board's and the kitchen's prerendered shells) a small script that asks for the opened
// page's chunks at once, beside main.js.
//
// `npm run build` runs it after `ng build` (so does the bench build): node scripts/preload-hints.mjs <output dir>
// (the folder holding stats.json and browser/).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainOutput, staticClosure } from './initial-bundle.mjs';
import { atTopOfHead, withoutScript } from './shell-html.mjs';

/** The Auth SDK: the session is restored (a round trip to Auth) before any signed-in page can show. */
const AUTH = ['node_modules/@firebase/auth/', 'node_modules/firebase/auth/', 'node_modules/firebase/app/', 'node_modules/@firebase/app/'];
/** What every signed-in page needs before it can show anything: the Auth SDK and the app's frame. */
const SIGNED_IN = [...AUTH, 'src/app/core/layout/shell.ts'];
const ORDERS = [...SIGNED_IN, 'src/app/orders/orders.routes.ts', 'node_modules/socket.io-client/'];

/**
 * Entry files by the page's first path segment ('' is the root, which redirects to the board).
 * The board and the kitchen are the pages opened cold on phones and screens; the other pages get
 * the frame, and their own chunks arrive in one wave less than before.
 */
export const PAGE_ENTRIES = {
  '': [...ORDERS, 'src/app/orders/ui/board/order-board-page.ts'],
  orders: [...ORDERS, 'src/app/orders/ui/board/order-board-page.ts'],
  kitchen: [...ORDERS, 'src/app/orders/ui/kitchen/kitchen-display-page.ts'],
  expenses: [...SIGNED_IN, 'src/app/expenses/expenses.routes.ts'],
  activity: [...SIGNED_IN, 'src/app/activity/activity.routes.ts'],
  monitor: [...SIGNED_IN, 'src/app/monitor/monitor.routes.ts'],
  reports: [...SIGNED_IN, 'src/app/reports/reports.routes.ts'],
  menu: [...SIGNED_IN, 'src/app/menu/menu.routes.ts'],
  team: [...SIGNED_IN, 'src/app/team/team.routes.ts'],
};

const MARK = 'data-preload-hints';

/**
 * The chunks each page needs, from the metafile: those holding an entry file, and the closure of
 * their static imports; main.js and its own static imports (already asked for) left out.
 * @param {{ outputs: Record<string, { inputs?: Record<string, unknown>, imports?: { path: string, kind: string }[] }> }} stats
 * @returns {Record<string, string[]>}
 */
export function pageChunks(stats, entries = PAGE_ENTRIES) {
  const { outputs } = stats;
  const scripts = Object.entries(outputs).filter(([file]) => file.endsWith('.js'));
  // main.js and what it imports statically: asked for by the page already (Angular links the latter).
  const initial = staticClosure(outputs, [mainOutput(outputs)]);
  // A dynamic import of a package the app also imports elsewhere becomes a chunk with no code of
  // its own that re-exports the package's chunks (firebase/auth's): the one main.js asks for.
  const facades = scripts
    .flatMap(([, out]) => (out.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => i.path))
    .filter((file) => Object.keys(outputs[file]?.inputs ?? {}).length === 0);
  const holding = (entry) => scripts.filter(([, out]) => Object.keys(out.inputs ?? {}).some((input) => input.includes(entry))).map(([file]) => file);
  const result = {};
  for (const [page, files] of Object.entries(entries)) {
    const holders = files.flatMap((entry) => {
      const found = holding(entry);
      if (!found.length) throw new Error(`preload hints: no chunk holds ${entry} (page /${page}); was it renamed?`);
      return found;
    });
    const chunks = staticClosure(outputs, holders);
    for (const facade of facades) if ([...staticClosure(outputs, [facade])].every((file) => file === facade || chunks.has(file) || initial.has(file))) chunks.add(facade);
    for (const file of initial) chunks.delete(file);
    result[page] = [...chunks].sort();
  }
  return result;
}

/** The Auth SDK's chunks (and their facades): asked for at once, beside main.js. */
export function authChunks(stats) {
  return pageChunks(stats, { auth: AUTH }).auth;
}

/**
 * The chunks only one page asks for (pages with the same list, '' and 'orders', count as one):
 * no other page can have brought them into the cache, so they go at once, beside main.js. On the
 * kitchen opened from the board these were the only ones fetched over the network, and the route's
 * own chunk, asked for once main.js had arrived, was the last thing its first tickets waited for.
 * @param {Record<string, string[]>} chunksByPage
 */
export function ownChunks(chunksByPage) {
  const lists = [...new Set(Object.values(chunksByPage).map((list) => JSON.stringify(list)))].map((list) => JSON.parse(list));
  const count = new Map();
  for (const list of lists) for (const chunk of list) count.set(chunk, (count.get(chunk) ?? 0) + 1);
  return [...count].filter(([, n]) => n === 1).map(([chunk]) => chunk).sort();
}

/**
 * The inline script: it runs as the head is parsed. The Auth SDK's chunks and the page's own
 * (`ownChunks`) are asked for at once, beside main.js: the session is restored (a round trip) as
 * soon as main.js runs. The page's other chunks are asked for when main.js has arrived, not
 * before: on a slow network every request shares the bandwidth, so asking for all of them at once
 * made main.js, and so Auth's round trip, wait for the page's Material chunks; now that round trip
 * overlaps their download. Chunk names are numbered in a table so shared ones are written once.
 * @param {Record<string, string[]>} chunksByPage
 * @param {{ first?: string[], main?: string }} order the chunks asked for at once, and main's file name
 */
export function hintScript(chunksByPage, { first = [], main = 'main.js' } = {}) {
  const names = [...new Set(Object.values(chunksByPage).flat())].sort();
  const pages = Object.fromEntries(Object.entries(chunksByPage).map(([page, chunks]) => [page, chunks.map((c) => names.indexOf(c))]));
  const firstIndexes = names.flatMap((name, index) => (first.includes(name) ? [index] : []));
  return (
    `<script ${MARK}>(function(n,p,f,m){var s=location.pathname.split('/')[1]||'';var l=Object.prototype.hasOwnProperty.call(p,s)&&p[s];if(!l)return;` +
    `function add(i){var e=document.createElement('link');e.rel='modulepreload';e.href=n[i];document.head.appendChild(e);}` +
    `var later=[],done=false;for(var i=0;i<l.length;i++){if(f.indexOf(l[i])<0)later.push(l[i]);else add(l[i]);}` +
    `function rest(){if(done)return;done=true;for(var j=0;j<later.length;j++)add(later[j]);}` +
    `try{new PerformanceObserver(function(list){var es=list.getEntries();for(var k=0;k<es.length;k++)if(es[k].name.slice(-m.length-1)==='/'+m)rest();})` +
    `.observe({type:'resource',buffered:true});}catch(x){rest();}})` +
    `(${JSON.stringify(names)},${JSON.stringify(pages)},${JSON.stringify(firstIndexes)},${JSON.stringify(main)})</script>`
  );
}

/**
 * Writes the hints into <outputDir>/browser/index.csr.html and into the pages prerendered as
 * shells (orders/index.html, kitchen/index.html); a file written before has its hints replaced.
 */
export function writePreloadHints(outputDir) {
  const stats = JSON.parse(readFileSync(join(outputDir, 'stats.json'), 'utf8'));
  const chunks = pageChunks(stats);
  const order = { first: [...new Set([...authChunks(stats), ...ownChunks(chunks)])], main: mainOutput(stats.outputs) };
  const browser = join(outputDir, 'browser');
  const pages = Object.keys(chunks).filter((page) => page && existsSync(join(browser, page, 'index.html')));
  for (const file of ['index.csr.html', ...pages.map((page) => join(page, 'index.html'))]) {
    const path = join(browser, file);
    // At the top: after a shell's inline style, parsing it on a phone held the page's chunks back.
    writeFileSync(path, atTopOfHead(withoutScript(readFileSync(path, 'utf8'), MARK), hintScript(chunks, order), `preload hints: ${path}`));
  }
  return chunks;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outputDir = process.argv[2];
  if (!outputDir) {
    console.error('usage: node scripts/preload-hints.mjs <build output dir (holds stats.json and browser/)>');
    process.exit(2);
  }
  const chunks = writePreloadHints(outputDir);
  for (const [page, list] of Object.entries(chunks)) console.log(`preload hints /${page}: ${list.length} chunks`);
}
