// The early painter (issue 21): an inline script at the end of a prerendered shell's body that
// paints the part of the page the app saved when it was last open here (EarlyPaint,
// src/app/core/hydration/early-paint.ts), over the shell's placeholders, before any of the app's
// scripts has arrived. On a phone the kitchen's tickets otherwise wait for the scripts, Auth's
// round trip and the list: seconds.
//
// It paints only when: the page saved a screen (same path, format, not older than the maximum
// age); the URL asks for the same view or none; the shell has the anchor; and Firebase still
// keeps a session of the member who saved it in this browser (its IndexedDB store, read-only:
// when Firebase has no database here the script creates none). The app removes the box once it
// draws its own data, or leaves the page (EarlyPaint.remove), and a painter still waiting then
// paints nothing.
//
// `npm run build` runs it after `ng build` (so does the bench build):
// node scripts/early-paint.mjs <output dir (holds browser/)>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withoutScript } from './shell-html.mjs';
import { readTsConstants } from './ts-constants.mjs';

/** The shells that paint a saved screen. */
export const EARLY_PAINT_PAGES = ['kitchen'];
const MARK = 'data-early-paint';
const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../src/app/core/hydration/early-paint.ts');
const HEAD_START_SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../src/app/core/hydration/head-start.ts');

/** The constants the painter shares with the app, read from the app's own file (one source). */
export function earlyPaintConstants(source) {
  const c = readTsConstants(SOURCE, ['EARLY_PAINT_VERSION', 'EARLY_PAINT_KEY_PREFIX', 'EARLY_PAINT_ID', 'EARLY_PAINT_DONE_FLAG', 'EARLY_PAINT_MAX_AGE_MS'], source);
  const { HEAD_START_GLOBAL } = readTsConstants(HEAD_START_SOURCE, ['HEAD_START_GLOBAL']);
  return { version: c.EARLY_PAINT_VERSION, prefix: c.EARLY_PAINT_KEY_PREFIX, id: c.EARLY_PAINT_ID, done: c.EARLY_PAINT_DONE_FLAG, maxAge: c.EARLY_PAINT_MAX_AGE_MS, headStart: HEAD_START_GLOBAL };
}

/** The inline script. ES5, no dependency: it runs before anything else has loaded. */
export function painterScript(c = earlyPaintConstants()) {
  return (
    `<script ${MARK}>(function(c){` +
    `function paint(s,anchor){` +
    `var style=document.createElement('style');style.id=c.id+'-style';` +
    `style.textContent=s.css+'#'+c.id+'{position:absolute;z-index:2;pointer-events:none;box-sizing:border-box;opacity:.85}'` +
    `+'#'+c.id+'>p{margin:0;padding:6px 12px;font:500 14px/1.4 Roboto,system-ui,sans-serif}';` +
    `var box=document.createElement('div');box.id=c.id;box.setAttribute('data-path',location.pathname);` +
    `box.setAttribute('aria-hidden','true');box.inert=true;` +
    `var r=anchor.getBoundingClientRect();` +
    `box.style.cssText=s.boxStyle+';top:'+(r.top+scrollY)+'px;left:'+(r.left+scrollX)+'px;width:'+r.width+'px';` +
    `var note=document.createElement('p');` +
    `note.textContent='As last seen at '+new Date(s.savedAt).toLocaleTimeString([],{hour:'2-digit',minute:'2-digit'})+' \u00b7 updating\u2026';` +
    `box.appendChild(note);box.insertAdjacentHTML('beforeend',s.html);` +
    `document.head.appendChild(style);document.body.appendChild(box);}` +
    `try{var raw=localStorage.getItem(c.prefix+location.pathname);if(!raw)return;var s=JSON.parse(raw);` +
    `if(!s||s.v!==c.version||!(Date.now()-s.savedAt<c.maxAge))return;` +
    `if(s.view){var asked=new URLSearchParams(location.search).get(s.view.param);if(asked!==null&&asked!==s.view.value)return;}` +
    `var anchor=document.querySelector(s.anchor);if(!anchor)return;` +
    // The head start's read of the same store (scripts/head-start.mjs), usually done by now: the
    // copy paints before the app's scripts start, not after (a read of our own would wait for them).
    `var hs=window[c.headStart];if(hs&&hs.found&&typeof hs.found.then==='function'){` +
    `hs.found.then(function(sent){if(!sent)return read();if(sent.uid===s.uid&&!window[c.done])paint(s,anchor);},read);return;}` +
    `read();function read(){` +
    `var open=indexedDB.open('firebaseLocalStorageDb');` +
    `open.onupgradeneeded=function(){open.transaction.abort();};` +
    `open.onsuccess=function(){var db=open.result;try{` +
    `var all=db.transaction('firebaseLocalStorage','readonly').objectStore('firebaseLocalStorage').getAll();` +
    `all.onsuccess=function(){db.close();var kept=false;for(var i=0;i<all.result.length;i++){var r=all.result[i];if(r&&r.value&&r.value.uid===s.uid)kept=true;}` +
    `if(kept&&!window[c.done])paint(s,anchor);};all.onerror=function(){db.close();};` +
    `}catch(e){db.close();}};}` +
    `}catch(e){}})(${JSON.stringify(c)})</script>`
  );
}

/** Writes the painter into each page's shell under <outputDir>/browser; a painter written before is replaced. */
export function writeEarlyPaint(outputDir) {
  const script = painterScript();
  const written = [];
  for (const page of EARLY_PAINT_PAGES) {
    const path = join(outputDir, 'browser', page, 'index.html');
    if (!existsSync(path)) throw new Error(`early paint: ${path} is missing (is /${page} still prerendered? app.routes.server.ts)`);
    const html = withoutScript(readFileSync(path, 'utf8'), MARK);
    if (!html.includes('</body>')) throw new Error(`early paint: ${path} has no </body>`);
    writeFileSync(path, html.replace('</body>', `${script}</body>`));
    written.push(path);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outputDir = process.argv[2];
  if (!outputDir) {
    console.error('usage: node scripts/early-paint.mjs <build output dir (holds browser/)>');
    process.exit(2);
  }
  for (const path of writeEarlyPaint(outputDir)) console.log(`early painter written into ${path}`);
}
