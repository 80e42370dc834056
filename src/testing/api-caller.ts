import { ApiRequestError } from '../app/core/http/api-error-message';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, EnvironmentInjector, createEnvironmentInjector, type Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { deleteApp, type FirebaseApp } from 'firebase/app';
import { createUserWithEmailAndPassword, signInWithEmailAndPassword, type Auth, type User } from 'firebase/auth';
import { Session } from '../app/core/auth/session';
import { SessionEnd } from '../app/core/auth/session-end';
import { APP_ENVIRONMENT } from '../app/core/config/app-environment';
import { FIREBASE_APP, FIREBASE_AUTH } from '../app/core/firebase/firebase';
import { apiErrorInterceptor, authTokenInterceptor } from '../app/core/http/api-interceptors';
import { rateLimitRetryInterceptor } from '../app/core/http/rate-limit-retry';
import { MenuLive } from '../app/core/realtime/menu-live';
import { environment } from '../environments/environment.development';
import { createEmulatorApp, signInAsDemo, type DemoEmail } from './emulator-app';
import { karmaApi } from './karma-api';

/** A seeded demo member, or a Firebase account an admin never gave a role. */
export type CallerAccount = DemoEmail | 'stranger';

export interface ApiCaller {
  user: User;
  auth: Auth;
  /**
   * A fresh injector wired as the app is (app.config.ts) for this caller: the real interceptors
   * (ID token, 429 retry, error words), its own Session and SessionEnd, APP_ENVIRONMENT pointing at
   * the API scripts/karma-with-api.mjs started, and `providers` (the classes under test). A child
   * of TestBed's, so call it inside a spec (or beforeEach) and `destroy()` it after.
   */
  injector(providers?: Provider[]): EnvironmentInjector;
  /** For afterAll: resets TestBed, deletes a stranger's account and the Firebase app. */
  dispose(): Promise<void>;
}

/** Signs in (once: call it in beforeAll); several callers may act in one spec, each with its injector. */
export async function apiCaller(name: string, account: CallerAccount): Promise<ApiCaller> {
  const { app, auth } = createEmulatorApp(name);
  const user = account === 'stranger' ? await signUpStranger(auth) : await signInAsDemo(auth, account);
  return {
    user,
    auth,
    injector: (providers = []) =>
      createEnvironmentInjector(
        [
          // SessionEnd sends an ended session to the sign-in page. Router is root-provided: a
          // router of this injector's own reads these routes.
          provideRouter([{ path: 'sign-in', component: SignInStandIn }]),
          Router,
          // Outer first, as app.config.ts orders them.
          provideHttpClient(withInterceptors([apiErrorInterceptor, rateLimitRetryInterceptor, authTokenInterceptor])),
          { provide: APP_ENVIRONMENT, useValue: { ...environment, apiUrl: karmaApi().url } },
          { provide: FIREBASE_APP, useValue: app },
          { provide: FIREBASE_AUTH, useValue: auth },
          // Root services in the app; here one per caller, so two callers never share a session.
          Session,
          SessionEnd,
          MenuLive,
          ...providers,
        ],
        TestBed.inject(EnvironmentInjector),
        `${name} as ${account}`,
      ),
    dispose: () => disposeCaller(app, account === 'stranger' ? user : null),
  };
}

@Component({ selector: 'app-sign-in-stand-in', template: 'Signed out', changeDetection: ChangeDetectionStrategy.OnPush })
class SignInStandIn {}

async function disposeCaller(app: FirebaseApp, stranger: User | null): Promise<void> {
  // An injector made in afterAll (a clean-up's) built TestBed's module outside any spec: reset, so
  // the next spec, whichever file it is in, can configure its own (as signedInTestBed's dispose).
  TestBed.resetTestingModule();
  // As the emulator's owner: a refused session has signed itself out by now.
  if (stranger) await deleteAuthAccount(stranger.uid);
  await deleteApp(app);
}

async function deleteAuthAccount(uid: string): Promise<void> {
  const { auth } = environment.emulators!;
  const projectId = environment.firebase.projectId!;
  const response = await fetch(`${auth}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:delete`, {
    method: 'POST',
    headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
    body: JSON.stringify({ localId: uid }),
  });
  if (!response.ok) throw new Error(`Could not delete the account ${uid}: ${response.status} ${await response.text()}`);
}

async function signUpStranger(auth: Auth): Promise<User> {
  const email = `stranger-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@maestro.test`;
  await createUserWithEmailAndPassword(auth, email, 'stranger-password');
  // Signed in again: the Auth emulator's sign-up reads the clock twice (the token's auth_time, then
  // the account's validSince), and on a loaded machine a second can pass between them, so the
  // first token reads as revoked (401) instead of a stranger's (403).
  return (await signInWithEmailAndPassword(auth, email, 'stranger-password')).user;
}

/** The error a call rejected with (fails the spec when it resolved). */
export async function refusal(call: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw error;
  }
  throw new Error('The call was expected to be refused, and it went through.');
}
