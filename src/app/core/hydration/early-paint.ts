import { isPlatformBrowser } from '@angular/common';
import { DOCUMENT, Injectable, PLATFORM_ID, inject } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/**
 * A page's last screen, painted from its prerendered HTML before any of the app's scripts run.
 * On a slow phone the scripts, Auth's round trip and the data take seconds; the part of the
 * screen a page saved (the kitchen's first tickets) is back within a second, dimmed and marked
 * with the time it was seen, and goes the moment the page draws the live data.
 *
 * The painter is an inline script the build writes into the page's shell (scripts/early-paint.mjs).
 * It paints only while Firebase still keeps a session of the member who saved the screen on this
 * device; signing out forgets every saved screen. Changing the format: bump EARLY_PAINT_VERSION,
 * which the painter reads from the build's copy of this file.
 */
export const EARLY_PAINT_VERSION = 1;
export const EARLY_PAINT_KEY_PREFIX = 'maestro.early-paint:';
/** The painted box's id; its style sheet is `${EARLY_PAINT_ID}-style`. */
export const EARLY_PAINT_ID = 'early-paint';
/** Set on window once the app has taken over: a painter still waiting on IndexedDB then paints nothing. */
export const EARLY_PAINT_DONE_FLAG = '__maestroEarlyPaintDone';
/** Saved screens older than this are not painted: a new service, not the last one. */
export const EARLY_PAINT_MAX_AGE_MS = 12 * 60 * 60 * 1000;

export interface EarlyPaintSnapshot {
  v: typeof EARLY_PAINT_VERSION;
  /** The member who saw it: painted only while Firebase keeps this member's session here. */
  uid: string;
  savedAt: number;
  /** Where it was seen; the painter places the box over the shell's element this selector finds. */
  path: string;
  anchor: string;
  /** The one query parameter the view depends on (the kitchen's stations): painted only when the URL asks for the same, or nothing. */
  view: { param: string; value: string } | null;
  html: string;
  css: string;
  /** Inline style of the box: the custom properties and colours the saved part inherited. */
  boxStyle: string;
}

/** What copyForEarlyPaint gives: the snapshot's markup, its style sheets and the box's inline style. */
interface PaintedCopy {
  html: string;
  css: string;
  boxStyle: string;
}

/** Custom elements and sections become spans and divs in the copy: nothing queries it as the app's. */
const RENAMED = (tag: string) => (tag.includes('-') ? 'span' : tag === 'section' || tag === 'article' ? 'div' : null);

/**
 * The first `limit` children of `element` matching `itemSelector` that are on screen, copied with
 * the component styles they use. Ids, tab stops and the given state classes are left out.
 */
export function copyForEarlyPaint(
  element: HTMLElement,
  options: { itemSelector: string; limit: number; dropClasses?: readonly string[] },
): PaintedCopy | null {
  const doc = element.ownerDocument;
  const view = doc.defaultView!;
  const items = Array.from(element.children).filter((child) => child.matches(options.itemSelector));
  const onScreen = items.filter((item) => item.getBoundingClientRect().top < view.innerHeight).slice(0, options.limit);
  if (!onScreen.length) return null;
  const copy = element.cloneNode(false) as HTMLElement;
  for (const item of onScreen) copy.appendChild(item.cloneNode(true));
  // The style sheets it needs: its components' (scoped by attribute) and Material's (by class).
  const selectors = new Set<string>();
  for (const node of [copy, ...Array.from(copy.querySelectorAll('*'))]) {
    node.removeAttribute('id');
    node.removeAttribute('tabindex');
    for (const name of options.dropClasses ?? []) node.classList.remove(name);
    for (const { name } of Array.from(node.attributes)) if (name.startsWith('_ngcontent-') || name.startsWith('_nghost-')) selectors.add(`[${name}]`);
    for (const name of Array.from(node.classList)) if (name.startsWith('mat-') || name.startsWith('mdc-')) selectors.add(`.${name}`);
  }
  const css = Array.from(doc.querySelectorAll('style'))
    .map((style) => style.textContent ?? '')
    .filter((text) => Array.from(selectors).some((selector) => text.includes(selector)))
    .join('\n');
  const computed = view.getComputedStyle(element);
  const inherited = Array.from(computed).filter((name) => name.startsWith('--'));
  const boxStyle = [...inherited.map((name) => `${name}:${computed.getPropertyValue(name)}`), `color:${computed.color}`, `color-scheme:${computed.colorScheme}`, `background:${backgroundOf(element)}`].join(';');
  return { html: renamed(copy).outerHTML, css, boxStyle };
}

/** The first opaque background at or above `element`. */
function backgroundOf(element: HTMLElement): string {
  const view = element.ownerDocument.defaultView!;
  for (let at: HTMLElement | null = element; at; at = at.parentElement) {
    const colour = view.getComputedStyle(at).backgroundColor;
    if (colour && colour !== 'transparent' && colour !== 'rgba(0, 0, 0, 0)') return colour;
  }
  return 'Canvas';
}

function renamed(element: Element): Element {
  for (const child of Array.from(element.children)) renamed(child);
  const tag = RENAMED(element.localName);
  if (!tag) return element;
  const replacement = element.ownerDocument.createElement(tag);
  for (const { name, value } of Array.from(element.attributes)) replacement.setAttribute(name, value);
  replacement.append(...Array.from(element.childNodes));
  element.replaceWith(replacement);
  return replacement;
}

/** Saves, removes and forgets pages' last screens. */
@Injectable({ providedIn: 'root' })
export class EarlyPaint {
  private readonly document = inject(DOCUMENT);
  private readonly browser = isPlatformBrowser(inject(PLATFORM_ID));

  save(snapshot: Omit<EarlyPaintSnapshot, 'v' | 'savedAt'>): void {
    if (!this.browser) return;
    const full: EarlyPaintSnapshot = { v: EARLY_PAINT_VERSION, savedAt: Date.now(), ...snapshot };
    try {
      localStorage.setItem(EARLY_PAINT_KEY_PREFIX + snapshot.path, JSON.stringify(full));
    } catch {
      // Storage full or refused (private mode): the page loads as it would without it.
      this.forget(snapshot.path);
    }
  }

  /** Nothing to paint next time (the page is empty now). */
  forget(path: string): void {
    if (this.browser) localStorage.removeItem(EARLY_PAINT_KEY_PREFIX + path);
  }

  /** Every saved screen, as signing out must: the next person on this device sees none. */
  forgetAll(): void {
    if (!this.browser) return;
    for (const key of Object.keys(localStorage)) if (key.startsWith(EARLY_PAINT_KEY_PREFIX)) localStorage.removeItem(key);
    this.remove();
  }

  /** Takes the painted screen away (the page has drawn its own), and stops a painter still waiting. */
  remove(): void {
    if (!this.browser) return;
    (this.document.defaultView as unknown as Record<string, unknown>)[EARLY_PAINT_DONE_FLAG] = true;
    this.document.getElementById(EARLY_PAINT_ID)?.remove();
    this.document.getElementById(`${EARLY_PAINT_ID}-style`)?.remove();
  }

  /** A painted screen goes as soon as the app shows another page (the sign-in page, no access). */
  removeWhenLeft(router: Router): void {
    if (!this.browser) return;
    router.events.pipe(filter((event) => event instanceof NavigationEnd)).subscribe((event) => {
      const painted = this.document.getElementById(EARLY_PAINT_ID);
      if (painted && new URL(event.urlAfterRedirects, 'http://x').pathname !== painted.dataset['path']) this.remove();
    });
  }
}
