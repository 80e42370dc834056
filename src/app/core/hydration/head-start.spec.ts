import { DOCUMENT, PLATFORM_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { declareHeadStart } from './head-start-declare';
import {
  HEAD_START_GLOBAL,
  HEAD_START_MAX_AGE_MS,
  HEAD_START_META,
  HEAD_START_READ_WAIT_MS,
  HEAD_START_TOKEN_KEY,
  HeadStart,
  claimsOf,
  type HeadStartAnswer,
  type HeadStartSent,
} from './head-start';

// What the shell's inline script (scripts/head-start.mjs) leaves on window is set by hand here; the
// script itself runs against the real build in test/scripts/prerendered-shells.test.ts.
describe('HeadStart', () => {
  const environment = { apiUrl: 'https://api.test', firebase: { apiKey: 'key-1' } };
  const list = 'https://api.test/api/orders?status=PENDING&pageSize=500';
  const global = window as unknown as Record<string, unknown>;

  /** A token as Firebase keeps it: header.payload.signature, base64url. */
  const tokenWith = (claims: Record<string, unknown>) => {
    const bytes = new TextEncoder().encode(JSON.stringify(claims));
    const payload = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    return `eyJhbGciOiJSUzI1NiJ9.${payload}.signature`;
  };
  const sentValue = (overrides: Partial<HeadStartSent> = {}): HeadStartSent => ({
    at: performance.now(),
    uid: 'u-1',
    email: 'cook@maestro.test',
    displayName: 'Zoë Cook',
    token: tokenWith({ role: 'staff', stations: ['grill'] }),
    answers: { [list]: Promise.resolve<HeadStartAnswer>({ status: 200, body: '{"orders":[]}' }) },
    ...overrides,
  });
  /** What the script leaves on window: its read of Firebase's store, resolved. */
  const sent = (overrides: Partial<HeadStartSent> = {}) => ({ found: Promise.resolve(sentValue(overrides)) });

  function inBrowser(): HeadStart {
    TestBed.configureTestingModule({ providers: [{ provide: APP_ENVIRONMENT, useValue: environment }] });
    return TestBed.inject(HeadStart);
  }

  /** The shell's meta, as declare wrote it at build time: take answers only the URLs it names. */
  let meta: HTMLMetaElement | null = null;
  function shellDeclared(...urls: string[]): void {
    meta = document.createElement('meta');
    meta.name = HEAD_START_META;
    meta.content = JSON.stringify({ urls });
    document.head.appendChild(meta);
  }
  afterEach(() => {
    delete global[HEAD_START_GLOBAL];
    meta?.remove();
    meta = null;
  });

  describe('at build time (a shell prerendered)', () => {
    let doc: Document;
    beforeEach(() => {
      doc = document.implementation.createHTMLDocument('shell');
      TestBed.configureTestingModule({
        providers: [
          { provide: APP_ENVIRONMENT, useValue: environment },
          { provide: PLATFORM_ID, useValue: 'server' },
          { provide: DOCUMENT, useValue: doc },
        ],
      });
    });

    it('names the requests in a meta tag, and preconnects to their origin once', () => {
      declareHeadStart(doc, [list]);
      declareHeadStart(doc, [list]); // a second screen attaching in the same render
      const meta = doc.head.querySelectorAll<HTMLMetaElement>(`meta[name="${HEAD_START_META}"]`);
      expect(meta.length).toBe(1);
      expect(JSON.parse(meta[0]!.content)).toEqual({ urls: [list] });
      const preconnect = doc.head.querySelectorAll('link[rel="preconnect"]');
      expect(preconnect.length).toBe(1);
      expect(preconnect[0]!.getAttribute('href')).toBe('https://api.test');
      expect(preconnect[0]!.hasAttribute('crossorigin')).toBeTrue();
    });

    it('has nothing to give: nobody is signed in at build time', () => {
      global[HEAD_START_GLOBAL] = sent();
      const headStart = TestBed.inject(HeadStart);
      expect(headStart.restored()).toBeNull();
      expect(headStart.take(list, 'u-1')).toBeNull();
    });

    it('keeps no token: there is no browser storage at build time', () => {
      localStorage.removeItem(HEAD_START_TOKEN_KEY);
      TestBed.inject(HeadStart).keepToken({ uid: 'u-1', email: '', displayName: '', token: tokenWith({ role: 'staff' }) });
      expect(localStorage.getItem(HEAD_START_TOKEN_KEY)).toBeNull();
    });
  });

  it("gives the shell's answer once, to the member it was asked for", async () => {
    shellDeclared(list);
    global[HEAD_START_GLOBAL] = sent();
    const headStart = inBrowser();
    expect(await headStart.take(list, 'u-1')).toEqual({ status: 200, body: '{"orders":[]}' });
    // A second list (the one after the socket joined) must be fresh: asked for again.
    expect(headStart.take(list, 'u-1')).toBeNull();
    // Requests the shell did not name go their way at once, without waiting for its read.
    expect(headStart.take(`${list}&cursor=abc`, 'u-1')).toBeNull();
  });

  it('stops waiting for a promise on window that never ends', async () => {
    shellDeclared(list);
    global[HEAD_START_GLOBAL] = { found: new Promise(() => undefined) };
    jasmine.clock().install();
    try {
      const answer = inBrowser().take(list, 'u-1')!;
      jasmine.clock().tick(HEAD_START_READ_WAIT_MS + 1);
      expect(await answer).toBeNull();
    } finally {
      jasmine.clock().uninstall();
    }
  });

  it("gives no answer to another member (the browser's session changed meanwhile)", async () => {
    shellDeclared(list);
    global[HEAD_START_GLOBAL] = sent();
    expect(await inBrowser().take(list, 'someone-else')).toBeNull();
  });

  it('gives no answer asked for too long ago: the page took so long that it is no longer news', async () => {
    shellDeclared(list);
    global[HEAD_START_GLOBAL] = sent({ at: performance.now() - HEAD_START_MAX_AGE_MS - 1 });
    expect(await inBrowser().take(list, 'u-1')).toBeNull();
  });

  it('has nothing on a page without the script, or when the script sent nothing', async () => {
    shellDeclared(list);
    expect(inBrowser().restored()).toBeNull();
    expect(TestBed.inject(HeadStart).take(list, 'u-1')).toBeNull();
    global[HEAD_START_GLOBAL] = { found: Promise.resolve(null) };
    expect(await TestBed.inject(HeadStart).restored()).toBeNull();
    expect(await TestBed.inject(HeadStart).take(list, 'u-1')).toBeNull();
  });

  it('ignores anything on window that is not what the script leaves', async () => {
    shellDeclared(list);
    global[HEAD_START_GLOBAL] = { found: Promise.resolve({ uid: 7, token: 'x', answers: {}, at: 0 }) };
    const headStart = inBrowser();
    expect(await headStart.restored()).toBeNull();
    expect(await headStart.take(list, '7')).toBeNull();
    global[HEAD_START_GLOBAL] = { found: 'not a promise' };
    expect(TestBed.inject(HeadStart).restored()).toBeNull();
    global[HEAD_START_GLOBAL] = { found: Promise.reject(new Error('broken')) };
    expect(await TestBed.inject(HeadStart).restored()).toBeNull();
  });

  it('tells who Firebase is restoring, with the claims of the token it keeps (names in any script)', async () => {
    global[HEAD_START_GLOBAL] = sent();
    expect(await inBrowser().restored()).toEqual({
      uid: 'u-1',
      email: 'cook@maestro.test',
      displayName: 'Zoë Cook',
      claims: { role: 'staff', stations: ['grill'] },
    });
  });

  it('reads no claims from a token that is not a JWT', () => {
    expect(claimsOf('not-a-token')).toBeNull();
    expect(claimsOf('a.%%%.c')).toBeNull();
    expect(claimsOf(`a.${btoa('[1,2]')}.c`)).toBeNull();
    expect(claimsOf(tokenWith({ role: 'admin', name: 'Łukasz 厨师' }))).toEqual({ role: 'admin', name: 'Łukasz 厨师' });
  });
  describe("the token copy the shells' script sends (keepToken)", () => {
    afterEach(() => localStorage.removeItem(HEAD_START_TOKEN_KEY));
    const kept = { uid: 'u-1', email: 'cook@maestro.test', displayName: 'Zoë Cook', token: tokenWith({ role: 'staff' }) };

    it('keeps the member given, and removes it given nobody', () => {
      const headStart = inBrowser();
      headStart.keepToken(kept);
      expect(JSON.parse(localStorage.getItem(HEAD_START_TOKEN_KEY)!)).toEqual(kept);
      headStart.keepToken(null);
      expect(localStorage.getItem(HEAD_START_TOKEN_KEY)).toBeNull();
    });

    it('does not throw when the browser refuses storage (full, or blocked): the page goes its usual way', () => {
      const headStart = inBrowser();
      const set = spyOn(Storage.prototype, 'setItem').and.throwError(new DOMException('full', 'QuotaExceededError'));
      const remove = spyOn(Storage.prototype, 'removeItem').and.throwError(new DOMException('blocked', 'SecurityError'));
      expect(() => headStart.keepToken(kept)).not.toThrow();
      expect(() => headStart.keepToken(null)).not.toThrow();
      expect(set).toHaveBeenCalled();
      expect(remove).toHaveBeenCalled();
      remove.and.callThrough(); // for afterEach
    });
  });
});
