import { HEAD_START_META, type HeadStartPlan } from './head-start';

/**
 * At build time, in a page's shell (HeadStart): the requests its HTML should send, and a
 * preconnect to their origin (the socket uses it too). Only the prerender's providers reach this
 * file (ShellOrdersLive), so it costs the browser's initial bundle nothing.
 */
export function declareHeadStart(document: Document, urls: readonly string[]): void {
  if (!urls.length) return;
  const head = document.head;
  const origin = new URL(urls[0]!).origin;
  if (!head.querySelector(`link[rel="preconnect"][href="${origin}"]`)) {
    const preconnect = document.createElement('link');
    preconnect.rel = 'preconnect';
    preconnect.href = origin;
    preconnect.setAttribute('crossorigin', ''); // the API is called without cookies: the anonymous pool
    head.appendChild(preconnect);
  }
  const plan: HeadStartPlan = { urls: [...urls] };
  const meta = head.querySelector<HTMLMetaElement>(`meta[name="${HEAD_START_META}"]`) ?? head.appendChild(document.createElement('meta'));
  meta.name = HEAD_START_META;
  meta.content = JSON.stringify(plan);
}
