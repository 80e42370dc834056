// The head start (issue 21): an inline script in the <head> of the board's and the kitchen's
// prerendered shells that sends the page's first API requests (the order list) with the member's
// ID token, while the app's scripts are still downloading. The shell names the requests in a meta
// tag the build rendered (declareHeadStart, src/app/core/hydration/head-start-declare.ts); the app
// takes the answers from window (HeadStart.take).
//
// The token is the copy the Session keeps in localStorage while a member is signed in here
// (HEAD_START_TOKEN_KEY), read synchronously as the head is parsed. It sends nothing unless that
// copy holds a token that is not about to expire and whose claims give a member's role. Its
// requests carry only that token, to the URLs the build wrote: what the app itself would send a
// moment later.
//
// `npm run build` runs it after `ng build` (so does the bench build):
// node scripts/head-start.mjs <output dir (holds browser/)>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atTopOfHead, withoutScript } from './shell-html.mjs';
import { readTsConstants } from './ts-constants.mjs';

/** The shells whose screens attach to the live orders (ShellOrdersLive declares their list). */
export const HEAD_START_PAGES = ['orders', 'kitchen'];
const MARK = 'data-head-start';
const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../src/app/core/hydration/head-start.ts');

const ROLES_SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../contracts/roles.ts');

export function headStartConstants(source) {
  const c = readTsConstants(SOURCE, ['HEAD_START_META', 'HEAD_START_GLOBAL', 'HEAD_START_TOKEN_MARGIN_MS', 'HEAD_START_TOKEN_KEY'], source);
  return { meta: c.HEAD_START_META, global: c.HEAD_START_GLOBAL, margin: c.HEAD_START_TOKEN_MARGIN_MS, key: c.HEAD_START_TOKEN_KEY, roles: memberRoles() };
}

/** contracts' ROLES: a token whose claims name none of them is not a member's, and sends nothing. */
function memberRoles() {
  const list = readFileSync(ROLES_SOURCE, 'utf8').match(/export const ROLES = \[([^\]]*)\]/);
  const roles = list ? [...list[1].matchAll(/'([^']+)'/g)].map((match) => match[1]) : [];
  if (!roles.length) throw new Error(`head start: no ROLES = ['…'] in ${ROLES_SOURCE}`);
  return roles;
}

/** The inline script. ES5, no dependency: it runs while the rest of the page is still arriving. */
export function headStartScript(c = headStartConstants()) {
  return (
    `<script ${MARK}>(function(c){try{` +
    `var m=document.querySelector('meta[name="'+c.meta+'"]');if(!m||!window.fetch||!window.Promise)return;` +
    `var plan=JSON.parse(m.content),sent=null;` +
    `try{var k=JSON.parse(localStorage.getItem(c.key)||'null'),t=k&&k.token;` +
    `if(typeof t==='string'&&typeof k.uid==='string'){` +
    // Expiry and role from the token's claims (unverified here: the API verifies every token).
    `var p=t.split('.')[1].replace(/-/g,'+').replace(/_/g,'/'),claims=JSON.parse(atob(p+'==='.slice((p.length+3)%4)));` +
    `if(claims.sub===k.uid&&claims.exp*1000-Date.now()>c.margin&&c.roles.indexOf(claims.role)>=0){` +
    `sent={at:performance.now(),uid:k.uid,email:String(k.email||''),displayName:String(k.displayName||''),token:t,answers:{}};` +
    `plan.urls.forEach(function(url){sent.answers[url]=fetch(url,{headers:{Authorization:'Bearer '+t},credentials:'omit'})` +
    `.then(function(r){return r.text().then(function(b){return{status:r.status,body:b};});})['catch'](function(){return null;});});` +
    `}}}catch(e){sent=null;}` +
    // Left on window as a promise: the app and the early painter wait on it alike.
    `window[c.global]={found:Promise.resolve(sent)};` +
    `}catch(e){}})(${JSON.stringify(c)})</script>`
  );
}

/** Writes the script after the shell's head-start meta in each page under <outputDir>/browser; one written before is replaced. */
export function writeHeadStart(outputDir) {
  const script = headStartScript();
  const meta = new RegExp(`<meta name="${headStartConstants().meta}"[^>]*>`);
  const written = [];
  for (const page of HEAD_START_PAGES) {
    const path = join(outputDir, 'browser', page, 'index.html');
    if (!existsSync(path)) throw new Error(`head start: ${path} is missing (is /${page} still prerendered? app.routes.server.ts)`);
    const html = withoutScript(readFileSync(path, 'utf8'), MARK);
    const tag = html.match(meta);
    if (!tag) throw new Error(`head start: ${path} has no ${meta.source} (does the page still attach to OrdersLive? ShellOrdersLive)`);
    // Moved from where Angular rendered it, after the inline style, which would hold the requests back.
    writeFileSync(path, atTopOfHead(html.replace(tag[0], ''), `${tag[0]}${script}`, `head start: ${path}`));
    written.push(path);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outputDir = process.argv[2];
  if (!outputDir) {
    console.error('usage: node scripts/head-start.mjs <build output dir (holds browser/)>');
    process.exit(2);
  }
  for (const path of writeHeadStart(outputDir)) console.log(`head start written into ${path}`);
}
