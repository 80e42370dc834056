import { TestBed } from '@angular/core/testing';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { createEmulatorApp } from '../../../testing/emulator-app';
import { FIREBASE_AUTH } from '../firebase/firebase';
import { Session, SignInError } from './session';

// Against the real Auth emulator with the seeded demo users (`npm test` seeds before Karma).
describe('Session (Auth emulator)', () => {
  let app: FirebaseApp;
  let session: Session;

  beforeEach(async () => {
    const created = createEmulatorApp('session-spec');
    app = created.app;
    const auth = created.auth;
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
    expect(user.role).toBe('staff');
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
});
