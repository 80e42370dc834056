import { TestBed } from '@angular/core/testing';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { signInWithEmailAndPassword, signOut, type Auth } from 'firebase/auth';
import { environment } from '../../../environments/environment.development';
import { Session } from '../auth/session';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { LOGGER } from '../logging/logger';
import { FIREBASE_APP, FIREBASE_AUTH, firebaseAuthLoader } from './firebase';

// Auth is no longer made at start-up but on first use; against the real Auth emulator.
describe('firebaseAuthLoader (Auth emulator)', () => {
  let app: FirebaseApp;
  let errors: unknown[];

  beforeEach(() => {
    // An app with no Auth yet, as the app's own is before its first sign-in check.
    app = initializeApp(environment.firebase, `auth-loader-spec-${Math.random()}`);
    errors = [];
  });

  afterEach(async () => {
    TestBed.resetTestingModule();
    await deleteApp(app);
  });

  function configure(env = environment, more: unknown[] = []): void {
    TestBed.configureTestingModule({
      providers: [
        { provide: APP_ENVIRONMENT, useValue: env },
        { provide: FIREBASE_APP, useValue: app },
        { provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: (_m: string, c: unknown) => errors.push(c) } },
        ...(more as []),
      ],
    });
  }

  it('makes one Auth for the app on first use, connected to the emulators', async () => {
    configure();
    const load = TestBed.runInInjectionContext(() => firebaseAuthLoader());
    const [auth, again] = await Promise.all([load(), load()]);
    expect(auth).toBe(again);
    expect(auth.app).toBe(app);
    // Only the emulator knows the seeded demo user.
    const { user } = await signInWithEmailAndPassword(auth, 'staff@maestro.test', 'maestro-staff');
    expect(user.email).toBe('staff@maestro.test');
    await signOut(auth);
  });

  it('uses the Auth it is given as it is', async () => {
    const given = {} as Auth;
    configure(environment, [{ provide: FIREBASE_AUTH, useValue: given }]);
    expect(await TestBed.runInInjectionContext(() => firebaseAuthLoader())()).toBe(given);
  });

  it('lets a session sign in and out through the Auth it loads', async () => {
    configure();
    const session = TestBed.inject(Session);
    await session.ready();
    expect(session.status()).toBe('signed-out');
    const member = await session.signIn('admin@maestro.test', 'maestro-admin');
    expect(member?.role).toBe('admin');
    expect(await session.idToken()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]*$/);
    await session.signOut();
    expect(session.status()).toBe('signed-out');
    expect(errors).toEqual([]);
  });

  it('shows the sign-in page, not nothing, when Auth cannot be made, and says so when signing in', async () => {
    configure({ ...environment, emulators: { ...environment.emulators!, auth: 'not-a-url' } });
    const session = TestBed.inject(Session);
    await session.ready();
    expect(session.status()).toBe('signed-out');
    expect(errors.length).toBe(1);
    const failure = await session.signIn('staff@maestro.test', 'maestro-staff').then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toContain('Try again');
    expect(session.user()).toBeNull();
  });
});
