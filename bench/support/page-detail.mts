// What is behind a page load's numbers (BENCH_DETAIL=1 in the web-vitals bench): every layout
// shift with the elements that moved, the LCP element, and the network waterfall (each request's
// start and end from navigation, who asked for it), so a round trip on the critical path or a
// late-arriving element shows by name.
import type { CDPSession, Page } from '@playwright/test';

/** Injected before the app starts, beside the vitals recorder: shifts and LCP with their elements. */
export const DETAIL_RECORDER = String.raw`
(() => {
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return node ? '#text "' + (node.textContent || '').trim().slice(0, 30) + '"' : '?';
    const classes = typeof node.className === 'string' && node.className ? '.' + node.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
    const parent = node.parentElement ? node.parentElement.tagName.toLowerCase() + ' > ' : '';
    return parent + node.tagName.toLowerCase() + classes;
  };
  const rect = (r) => Math.round(r.x) + ',' + Math.round(r.y) + ' ' + Math.round(r.width) + '×' + Math.round(r.height);
  const detail = { shifts: [], lcp: [] };
  window.__detail = detail;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      detail.shifts.push({
        at: Math.round(e.startTime),
        value: e.value,
        input: e.hadRecentInput,
        sources: (e.sources || []).map((s) => describe(s.node) + ' ' + rect(s.previousRect) + ' → ' + rect(s.currentRect)),
      });
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) detail.lcp.push({ at: Math.round(e.startTime), size: e.size, element: describe(e.element) });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
})();
`;

interface Request {
  url: string;
  start: number;
  end?: number;
  /** Bytes on the wire (compressed, headers included). */
  bytes?: number;
  initiator: string;
  protocol?: string;
}

/** Records the page's requests from the CDP session (Network must be enabled on it). */
export function recordNetwork(cdp: CDPSession): () => Request[] {
  const requests = new Map<string, Request>();
  let origin: number | undefined;
  cdp.on('Network.requestWillBeSent', (e) => {
    origin ??= e.timestamp;
    const by = e.initiator.url ?? e.initiator.stack?.callFrames[0]?.url ?? e.initiator.stack?.parent?.callFrames[0]?.url ?? '';
    requests.set(e.requestId, { url: e.request.url, start: e.timestamp, initiator: `${e.initiator.type} ${short(by)}` });
  });
  cdp.on('Network.responseReceived', (e) => {
    const request = requests.get(e.requestId);
    if (request) request.protocol = e.response.protocol;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const request = requests.get(e.requestId);
    if (!request) return;
    request.end = e.timestamp;
    request.bytes = e.encodedDataLength;
  });
  return () => [...requests.values()].map((r) => ({ ...r, start: (r.start - origin!) * 1000, end: r.end === undefined ? undefined : (r.end - origin!) * 1000 }));
}

function short(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/, '').slice(0, 60);
}

/** Prints the shifts, the LCP candidates and the waterfall of one page load. */
export async function printDetail(title: string, page: Page, network: () => Request[]): Promise<void> {
  const detail = (await page.evaluate('window.__detail')) as {
    shifts: { at: number; value: number; input: boolean; sources: string[] }[];
    lcp: { at: number; size: number; element: string }[];
  };
  console.log(`\n  ── ${title}`);
  console.log('  LCP candidates:');
  for (const l of detail.lcp) console.log(`    ${String(l.at).padStart(6)} ms  ${l.element} (${l.size} px²)`);
  console.log('  layout shifts:');
  for (const s of detail.shifts) {
    console.log(`    ${String(s.at).padStart(6)} ms  ${s.value.toFixed(4)}${s.input ? ' (after input)' : ''}`);
    for (const source of s.sources) console.log(`              ${source}`);
  }
  console.log('  requests (ms from the first):');
  for (const r of network().sort((a, b) => a.start - b.start))
    console.log(
      `    ${r.start.toFixed(0).padStart(6)} → ${r.end === undefined ? '     …' : r.end.toFixed(0).padStart(6)}  ${(r.protocol ?? '').padEnd(8)} ${`${((r.bytes ?? 0) / 1000).toFixed(1)} kB`.padStart(9)}  ${short(r.url).padEnd(60)} ← ${r.initiator}`,
    );
}
