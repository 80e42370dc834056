import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { createEmulatorApp } from '../../../testing/emulator-app';
import { FIREBASE_AUTH } from '../firebase/firebase';
import { EARLY_PAINT_KEY_PREFIX } from '../hydration/early-paint';
import { HEAD_START_GLOBAL, HEAD_START_TOKEN_KEY, claimsOf, type HeadStartSent, type KeptToken } from '../hydration/head-start';
import { Session, SignInError } from './session';

// Against the real Auth emulator with the seeded demo users (`npm test` seeds before Karma).
describe('Session (Auth emulator)', () => {
  /** The token copy the shells' script sends (HeadStart.keepToken), once the token's change has been read. */
  async function keptToken(until: (kept: KeptToken | null) => boolean): Promise<KeptToken | null> {
    const read = () => JSON.parse(localStorage.getItem(HEAD_START_TOKEN_KEY) ?? 'null') as KeptToken | null;
    for (let i = 0; i < 100 && !until(read()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return read();
  }
  let app: FirebaseApp;
  let session: Session;
  let auth: ReturnType<typeof createEmulatorApp>['auth'];

  beforeEach(async () => {
    const created = createEmulatorApp('session-spec');
    app = created.app;
    auth = created.auth;
    TestBed.configureTestingModule({ providers: [{ provide: FIREBASE_AUTH, useValue: auth }] });
    session = TestBed.inject(Session);
    await session.ready();
  });

  afterEach(async () => {
    await session.signOut();
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  it('starts signed out', () => {
    expect(session.status()).toBe('signed-out');
    expect(session.user()).toBeNull();
  });

  it('signs staff in without the admin role', async () => {
    const user = await session.signIn('staff@maestro.test', 'maestro-staff');
    expect(user?.role).toBe('staff');
    expect(session.isAdmin()).toBeFalse();
    expect(session.user()?.displayName).toBe('Sam Staff');
    expect(await session.idToken()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]*$/);
  });

  it('reads the admin role from the custom claim', async () => {
    await session.signIn('  admin@maestro.test ', 'maestro-admin');
    expect(session.isAdmin()).toBeTrue();
  });

  it('turns a wrong password into a message the user can act on', async () => {
    const failure = await session.signIn('staff@maestro.test', 'wrong').then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SignInError);
    expect((failure as SignInError).message).toContain('do not match');
    expect(session.user()).toBeNull();
  });

  it('signs out and has no token afterwards', async () => {
    await session.signIn('staff@maestro.test', 'maestro-staff');
    await session.signOut();
    expect(session.status()).toBe('signed-out');
    expect(await session.idToken()).toBeNull();
  });

  it("keeps a copy of the member's current token for the shells' script, and removes it when signing out", async () => {
    await session.signIn('staff@maestro.test', 'maestro-staff');
    const kept = await keptToken((copy) => copy !== null);
    expect(kept).toEqual({ uid: session.user()!.uid, email: 'staff@maestro.test', displayName: 'Sam Staff', token: (await session.idToken())! });
    expect(claimsOf(kept!.token)?.['role']).toBe('staff');
    await session.signOut();
    expect(localStorage.getItem(HEAD_START_TOKEN_KEY)).toBeNull();
  });

  it('removes the copy before Firebase signs out, so a sign-out that fails on the way keeps nothing for the shells', async () => {
    await session.signIn('staff@maestro.test', 'maestro-staff');
    await keptToken((copy) => copy !== null);
    const kept = localStorage.getItem(HEAD_START_TOKEN_KEY);
    spyOn(auth, 'signOut').and.callFake(() => {
      expect(localStorage.getItem(HEAD_START_TOKEN_KEY)).toBeNull();
      return Promise.reject(new Error('network down'));
    });
    await expectAsync(session.signOut()).toBeRejected();
    expect(kept).not.toBeNull();
    expect(localStorage.getItem(HEAD_START_TOKEN_KEY)).toBeNull();
    (auth.signOut as jasmine.Spy).and.callThrough();
  });

  it('ignores a token change that a sign-out overtook: no member state, no token copy left behind', async () => {
    await session.signIn('staff@maestro.test', 'maestro-staff');
    await keptToken((copy) => copy !== null);
    const user = auth.currentUser!;
    // The refreshed token's claims are read only after the member has signed out (a slow device).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const read = user.getIdTokenResult.bind(user);
    let reading = false;
    spyOn(user, 'getIdTokenResult').and.callFake(async (force?: boolean) => {
      reading = true;
      const result = await read(force);
      await released;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new token, not the same second's
    await user.getIdToken(true);
    for (let i = 0; i < 100 && !reading; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reading).withContext('the token change was not read').toBeTrue();
    await session.signOut();
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(session.status()).toBe('signed-out');
    expect(localStorage.getItem(HEAD_START_TOKEN_KEY)).toBeNull();
  });

  it("forgets the screens saved for the shells' early painter when signing out: the next person sees none", async () => {
    await session.signIn('staff@maestro.test', 'maestro-staff');
    localStorage.setItem(`${EARLY_PAINT_KEY_PREFIX}/kitchen`, '{"v":1}');
    await session.signOut();
    expect(localStorage.getItem(`${EARLY_PAINT_KEY_PREFIX}/kitchen`)).toBeNull();
  });

  describe('a session restored at page load', () => {
    const emulator = 'http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1';
    let uid: string;
    const email = `restored-${Date.now().toString(36)}@maestro.test`;

    /** What an admin changes through the API (custom claims, disabled), done as the emulator's owner. */
    async function updateAccount(changes: Record<string, unknown>): Promise<void> {
      const response = await fetch(`${emulator}/projects/demo-maestro/accounts:update`, {
        method: 'POST',
        headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
        body: JSON.stringify({ localId: uid, ...changes }),
      });
      expect(response.ok).withContext(await response.clone().text()).toBeTrue();
    }

    /** The next page load: a new Session over the same signed-in Auth. */
    function reload(): Session {
      const injector = createEnvironmentInjector([Session, { provide: FIREBASE_AUTH, useValue: auth }], TestBed.inject(EnvironmentInjector));
      return injector.get(Session);
    }

    async function until(condition: () => boolean): Promise<void> {
      for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    }

    beforeEach(async () => {
      const response = await fetch(`${emulator}/accounts:signUp?key=demo-api-key`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: 'restored-pass', returnSecureToken: true }),
      });
      uid = ((await response.json()) as { localId: string }).localId;
      await updateAccount({ customAttributes: JSON.stringify({ role: 'staff' }) });
      await session.signIn(email, 'restored-pass');
      expect(session.isAdmin()).toBeFalse();
    });

    afterEach(async () => {
      await fetch(`${emulator}/projects/demo-maestro/accounts:delete`, {
        method: 'POST',
        headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
        body: JSON.stringify({ localId: uid }),
      });
    });

    it('takes up a role an admin gave since the token was issued', async () => {
      await updateAccount({ customAttributes: JSON.stringify({ role: 'admin' }) });
      const next = reload();
      await next.ready();
      await until(() => next.isAdmin());
      expect(next.isAdmin()).toBeTrue();
    });

    it('loses the workspace when the member role is gone: an outsider, not a user', async () => {
      await updateAccount({ customAttributes: JSON.stringify({}) });
      const next = reload();
      await next.ready();
      await until(() => next.status() === 'no-access');
      expect(next.user()).toBeNull();
      expect(next.outsider()?.email).toBe(email);
    });

    /** The next page load once an admin disabled the account: signed out, and the sign-in page (through SessionEnd) says why. */
    async function reloadDisabled(): Promise<Session> {
      await updateAccount({ disableUser: true });
      const next = reload();
      await next.ready();
      await until(() => next.status() === 'signed-out');
      expect(next.status()).toBe('signed-out');
      expect(next.endedReason()).toBe('You were signed out: an admin disabled this account. Ask an admin to enable it again.');
      return next;
    }

    it('is signed out when an admin disabled the account', async () => {
      const next = await reloadDisabled();
      next.clearEndedReason();
      expect(next.endedReason()).toBeNull();
    });

    it('gives no reason when the member signs out themself', async () => {
      await session.signOut();
      expect(session.endedReason()).toBeNull();
    });

    describe("on a shell page whose HTML read the member Firebase keeps (HeadStart, what scripts/head-start.mjs leaves)", () => {
      // That the page opens on it before Auth's round trip is checked with the round trip held, in
      // a real browser (test/scripts/prerendered-shells.test.ts); here Auth has loaded already.
      const global = window as unknown as Record<string, unknown>;
      async function shellRead(found: Promise<HeadStartSent | null>): Promise<void> {
        global[HEAD_START_GLOBAL] = { found };
      }
      const sent = async (): Promise<HeadStartSent> => ({ at: performance.now(), uid, email, displayName: 'Restored Cook', token: (await session.idToken())!, answers: {} });
      afterEach(() => delete global[HEAD_START_GLOBAL]);

      it("keeps Auth's answer when Auth answers first: the shell's read, arriving later, changes nothing", async () => {
        let read!: (sent: HeadStartSent) => void;
        await shellRead(new Promise((resolve) => (read = resolve)));
        const next = reload();
        await next.ready();
        await until(() => next.status() === 'signed-in');
        expect(next.user()?.displayName).toBe(email); // Auth's (the account has no display name)
        read(await sent());
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(next.user()?.displayName).toBe(email);
        expect(await next.idToken()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]*$/);
      });

      it('says why when Auth, answering first, has no session where the shell read one (Auth refused it)', async () => {
        let read!: (sent: HeadStartSent) => void;
        await shellRead(new Promise((resolve) => (read = resolve)));
        const refused = createEmulatorApp('session-spec-refused'); // nobody signed in to this app
        const injector = createEnvironmentInjector([Session, { provide: FIREBASE_AUTH, useValue: refused.auth }], TestBed.inject(EnvironmentInjector));
        try {
          const next = injector.get(Session);
          await next.ready();
          expect(next.status()).toBe('signed-out');
          expect(next.endedReason()).toBeNull();
          read(await sent());
          await until(() => next.endedReason() !== null);
          expect(next.status()).toBe('signed-out');
          expect(next.endedReason()).toContain('You were signed out');
        } finally {
          injector.destroy();
          await deleteApp(refused.app);
        }
      });

      it('is signed out, saying why, when Auth will not restore the account the shell read (disabled since)', async () => {
        await shellRead(sent());
        await reloadDisabled();
      });
    });
  });

  describe('an account that signed itself up (no member role)', () => {
    const emulator = 'http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1';
    const email = `stranger-${Date.now().toString(36)}@example.com`;
    let uid: string;

    beforeEach(async () => {
      const response = await fetch(`${emulator}/accounts:signUp?key=demo-api-key`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: 'stranger-pass', returnSecureToken: true }),
      });
      uid = ((await response.json()) as { localId: string }).localId;
    });

    afterEach(async () => {
      await fetch(`${emulator}/projects/demo-maestro/accounts:delete`, {
        method: 'POST',
        headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
        body: JSON.stringify({ localId: uid }),
      });
    });

    it('signs in to Firebase but is no member: no user, no admin, an outsider with its email', async () => {
      const member = await session.signIn(email, 'stranger-pass');
      expect(member).toBeNull();
      expect(session.status()).toBe('no-access');
      expect(session.user()).toBeNull();
      expect(session.isAdmin()).toBeFalse();
      expect(session.outsider()).toEqual({ uid, email });
      // The shells' script is given no token of an outsider's (and none left from before).
      expect(await keptToken(() => false)).toBeNull();
    });

    it('becomes a member on "check again" once an admin gave the role', async () => {
      await session.signIn(email, 'stranger-pass');
      expect(await session.recheckMembership()).toBeFalse();
      await fetch(`${emulator}/projects/demo-maestro/accounts:update`, {
        method: 'POST',
        headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
        body: JSON.stringify({ localId: uid, customAttributes: JSON.stringify({ role: 'staff' }) }),
      });
      expect(await session.recheckMembership()).toBeTrue();
      expect(session.user()?.role).toBe('staff');
      // The new member's token, with the role, is the one the shells' script will send.
      const kept = await keptToken((copy) => copy?.uid === uid);
      expect(kept?.uid).toBe(uid);
      expect(claimsOf(kept!.token)?.['role']).toBe('staff');
    });
  });
});
