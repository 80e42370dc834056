import { DOCUMENT, isPlatformServer } from '@angular/common';
import { Injectable, PLATFORM_ID, inject } from '@angular/core';

/**
 * A signed-in page's first data, asked for by its prerendered HTML (issue 21). On a phone the app's
 * scripts, Auth's restoring round trip and then the list request follow one another: seconds
 * before the kitchen shows a ticket. The page's shell names the requests (`declareHeadStart`, at
 * build time, head-start-declare.ts) and an inline script in its head (scripts/head-start.mjs)
 * sends them at once with the member's ID token, beside the scripts' download. The token is the
 * copy the Session keeps in localStorage while a member is signed in (`keepToken`): read
 * synchronously, where Firebase's own IndexedDB store answers only once the app's start has let
 * go of the main thread. The app takes each answer once (`take`, the head-start interceptor) if it
 * is still fresh and for the same member; otherwise it asks again as usual. The server checks the
 * token as on any request.
 *
 * The same copy tells the Session who Firebase is restoring (`restored`), so a shell page need not
 * wait for Auth's round trip to open: Auth's verdict follows and wins.
 */
export const HEAD_START_META = 'maestro-head-start';
/** Where the inline script leaves what it sent (window[HEAD_START_GLOBAL]). */
export const HEAD_START_GLOBAL = '__maestroHeadStart';
/** A token that expires within this is not sent: Firebase refreshes it first. */
export const HEAD_START_TOKEN_MARGIN_MS = 2 * 60 * 1000;
/** An answer asked for longer ago than this (from the page's start) is too old to show. */
export const HEAD_START_MAX_AGE_MS = 30 * 1000;
/** The app waits this long at most for what the script left on window (a promise), then goes its usual way. */
export const HEAD_START_READ_WAIT_MS = 3 * 1000;
/**
 * localStorage: the signed-in member's current ID token, for the shells' script (`KeptToken`).
 * Written and removed by the Session only. Another copy of what any script of this origin can
 * already read in Firebase's own store (which also holds the refresh token); it is removed on
 * signing out and whenever Firebase has no member signed in here.
 */
export const HEAD_START_TOKEN_KEY = 'maestro.head-start-token';

/** The read the inline script left on window, or null when there is none (or something else is there). */
function pendingRead(win: Window | null): Promise<HeadStartSent | null> | null {
  const pending = (win as unknown as Record<string, unknown> | null)?.[HEAD_START_GLOBAL] as HeadStartPending | undefined;
  return pending && typeof pending.found?.then === 'function' ? pending.found : null;
}

/** What `promise` gives within `ms`; null after that, or when it fails. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

/** What the shell's meta tells the inline script (written at build time by `declareHeadStart`). */
export interface HeadStartPlan {
  urls: string[];
}

/** What the Session keeps at HEAD_START_TOKEN_KEY. The script reads the expiry and role from the token's claims. */
export interface KeptToken {
  uid: string;
  email: string;
  displayName: string;
  token: string;
}

/** An answer as the inline script kept it: the status and the body's text, or null when the request failed. */
export interface HeadStartAnswer {
  status: number;
  body: string;
}

/**
 * What the inline script leaves on window: `found` gives what it sent, or null when it sent
 * nothing (a promise: the early painter and the app wait on it alike).
 */
export interface HeadStartPending {
  found: Promise<HeadStartSent | null>;
}

/** What the inline script sent. */
export interface HeadStartSent {
  /** performance.now() when the requests left. */
  at: number;
  uid: string;
  email: string;
  displayName: string;
  /** The ID token sent (its claims tell the member's role before Auth has answered). */
  token: string;
  answers: Record<string, Promise<HeadStartAnswer | null>>;
}

/** The member Firebase is restoring, as its kept ID token says (not yet checked by Auth). */
export interface RestoredMember {
  uid: string;
  email: string;
  displayName: string;
  claims: Record<string, unknown>;
}

@Injectable({ providedIn: 'root' })
export class HeadStart {
  private readonly document = inject(DOCUMENT);
  private readonly server = isPlatformServer(inject(PLATFORM_ID));
  private readonly taken = new Set<string>();

  /**
   * Who the shell's script found signed in here, with the claims of the token it sent (null: it
   * sent nothing); null at once on a page without the script.
   */
  restored(): Promise<RestoredMember | null> | null {
    const found = this.found();
    if (!found) return null;
    return found.then((sent) => {
      const claims = sent ? claimsOf(sent.token) : null;
      return sent && claims ? { uid: sent.uid, email: sent.email, displayName: sent.displayName, claims } : null;
    });
  }

  /**
   * The answer to `url` the shell asked for on behalf of `uid`: once, while fresh. Null at once
   * when the page has no head start or it was taken; the promise gives null when the shell sent
   * nothing for this member (the caller sends the request itself then).
   */
  take(url: string, uid: string): Promise<HeadStartAnswer | null> | null {
    const found = this.found();
    if (!found || this.taken.has(url) || !this.declared().includes(url)) return null;
    this.taken.add(url);
    return found.then((sent) => {
      const answer = sent?.uid === uid ? sent.answers[url] : undefined;
      if (!answer || performance.now() - sent!.at > HEAD_START_MAX_AGE_MS) return null;
      return answer;
    });
  }

  /** The URLs the shell's meta names (the script sends no others). */
  private declared(): string[] {
    try {
      const meta = this.document.head.querySelector<HTMLMetaElement>(`meta[name="${HEAD_START_META}"]`);
      const plan = meta ? (JSON.parse(meta.content) as Partial<HeadStartPlan>) : null;
      return Array.isArray(plan?.urls) ? plan.urls.filter((url): url is string => typeof url === 'string') : [];
    } catch {
      return [];
    }
  }

  /**
   * Keeps (or, given null, removes) the copy of the member's current token that the shells'
   * script sends. Never throws: storage may be full or refused, and the page then goes its usual way.
   */
  keepToken(kept: KeptToken | null): void {
    if (this.server) return;
    try {
      const storage = this.document.defaultView?.localStorage;
      if (kept) storage?.setItem(HEAD_START_TOKEN_KEY, JSON.stringify(kept));
      else storage?.removeItem(HEAD_START_TOKEN_KEY);
    } catch {
      // No copy: the next shell page waits for Auth, as a page without the script does.
    }
  }

  /** What the script leaves on window, checked: anything else there is ignored. */
  private found(): Promise<HeadStartSent | null> | null {
    if (this.server) return null;
    const found = pendingRead(this.document.defaultView);
    if (!found) return null;
    return within(found, HEAD_START_READ_WAIT_MS).then((sent) =>
      sent && typeof sent.uid === 'string' && typeof sent.token === 'string' && typeof sent.answers === 'object' && typeof sent.at === 'number' ? sent : null,
    );
  }
}

/** The claims of a JWT's payload (not verified: the server verifies every token it is sent). */
export function claimsOf(token: string): Record<string, unknown> | null {
  try {
    const payload = token.split('.')[1];
    if (!payload) return null;
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
