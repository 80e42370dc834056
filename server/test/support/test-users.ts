import { randomUUID } from 'node:crypto';
import { testFirebase, PROJECT_ID } from './firebase-test-env';

export interface TestUser {
  uid: string;
  email: string;
  password: string;
  idToken: string;
}

// Unique per process, so reruns against a long-running emulator never collide.
const RUN_ID = randomUUID().slice(0, 8);
const created: string[] = [];

/**
 * A real Auth emulator account, signed in. It is a member (role claim `staff`, or `admin` with
 * `admin: true`) unless `member: false`: then it is a stranger who signed up on their own.
 */
export async function createTestUser(
  label: string,
  options: { admin?: boolean; member?: boolean; displayName?: string } = {},
): Promise<TestUser> {
  const { auth } = testFirebase();
  const email = `${label}-${RUN_ID}-${created.length}@maestro.test`;
  const password = `pw-${randomUUID()}`;
  const record = await auth.createUser({
    email,
    password,
    displayName: options.displayName ?? label,
  });
  created.push(record.uid);
  if (options.member !== false) {
    await auth.setCustomUserClaims(record.uid, { role: options.admin ? 'admin' : 'staff' });
  }
  return { uid: record.uid, email, password, idToken: await signIn(email, password) };
}

/** Signs in through the Auth emulator's REST API (what the SPA's SDK does) and returns the ID token. */
export async function signIn(email: string, password: string): Promise<string> {
  const host = process.env['FIREBASE_AUTH_EMULATOR_HOST'];
  const response = await fetch(
    `http://${host}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake-api-key`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password, returnSecureToken: true }),
    },
  );
  const body = (await response.json()) as { idToken?: string; error?: { message: string } };
  if (!body.idToken)
    throw new Error(`sign-in of ${email} failed: ${body.error?.message ?? response.status}`);
  return body.idToken;
}

export async function deleteTestUsers(): Promise<void> {
  if (created.length > 0) await testFirebase().auth.deleteUsers(created.splice(0));
}

/** The claims of a JWT, unverified (to read auth_time in tests). */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * An unsigned (`alg: none`) JWT shaped like a Firebase ID token. The emulator's own tokens look
 * the same, which is why firebase-admin cannot reject a forged one there (see verify-id-token.ts).
 */
export function unsignedIdToken(
  overrides: Record<string, unknown> & { sub: string },
  projectId = PROJECT_ID,
): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: `https://securetoken.google.com/${projectId}`,
    aud: projectId,
    auth_time: now - 60,
    iat: now - 60,
    exp: now + 3600,
    user_id: overrides.sub,
    firebase: { identities: {}, sign_in_provider: 'password' },
    ...overrides,
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}
