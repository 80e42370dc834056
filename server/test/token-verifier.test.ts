// The revocation check is cached per token for at most a minute, never past the token's expiry,
// and never against an ended session. Pure logic: Auth is a counting fake (the real one cannot be
// made to count its calls); the end-to-end behaviour is in session-end.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Auth } from 'firebase-admin/auth';
import { createTokenVerifier } from '../src/auth/token-verifier';
import { ApiError } from '../src/http/api-error';

const START = 1_800_000_000_000;

function fakeAuth(expSeconds = START / 1000 + 3600) {
  const calls: string[] = [];
  const auth = {
    verifyIdToken: async (token: string) => {
      calls.push(token);
      return { uid: token.split(':')[0], email: null, role: 'staff', auth_time: START / 1000 - 60, exp: expSeconds };
    },
  } as unknown as Auth;
  return { auth, calls };
}

describe('the token verifier cache', () => {
  test('asks Auth once per token within the cache time, again after it', async () => {
    let now = START;
    const { auth, calls } = fakeAuth();
    const verifier = createTokenVerifier(auth, { cacheMs: 60_000, maxEntries: 100, now: () => now });
    for (let i = 0; i < 50; i++) assert.equal((await verifier.verify('ada:t1')).uid, 'ada');
    await verifier.verify('bob:t1');
    assert.deepEqual(calls, ['ada:t1', 'bob:t1']);
    now += 60_001;
    await verifier.verify('ada:t1');
    assert.deepEqual(calls, ['ada:t1', 'bob:t1', 'ada:t1']);
  });

  test('never trusts a token past its own expiry', async () => {
    let now = START;
    const { auth, calls } = fakeAuth(START / 1000 + 10);
    const verifier = createTokenVerifier(auth, { cacheMs: 60_000, maxEntries: 100, now: () => now });
    await verifier.verify('ada:t1');
    now += 11_000;
    await verifier.verify('ada:t1');
    assert.equal(calls.length, 2, 'asked Auth again once the token ran out');
  });

  test('an ended session is refused from the cache and after asking Auth', async () => {
    const { auth } = fakeAuth();
    const verifier = createTokenVerifier(auth, { cacheMs: 60_000, maxEntries: 100, now: () => START });
    await verifier.verify('ada:t1');
    verifier.sessionsEnded('ada', { validAfter: START / 1000, disabled: false });
    await assert.rejects(verifier.verify('ada:t1'), (error: ApiError) => error.status === 401 && /sign in again/.test(error.message));
    await assert.rejects(verifier.verify('ada:t2'), (error: ApiError) => error.status === 401);
    assert.equal((await verifier.verify('bob:t1')).uid, 'bob', 'others are untouched');
    verifier.sessionsEnded('bob', { validAfter: 0, disabled: true });
    await assert.rejects(verifier.verify('bob:t1'), (error: ApiError) => /disabled/.test(error.message));
  });

  test('holds at most maxEntries tokens', async () => {
    const { auth, calls } = fakeAuth();
    const verifier = createTokenVerifier(auth, { cacheMs: 60_000, maxEntries: 3, now: () => START });
    for (const token of ['a:1', 'b:1', 'c:1', 'd:1']) await verifier.verify(token);
    await verifier.verify('a:1');
    assert.equal(calls.filter((token) => token === 'a:1').length, 2, 'the oldest was dropped');
    await verifier.verify('d:1');
    assert.equal(calls.filter((token) => token === 'd:1').length, 1, 'the newest stayed');
  });

  test('cacheMs 0 asks Auth every time', async () => {
    const { auth, calls } = fakeAuth();
    const verifier = createTokenVerifier(auth, { cacheMs: 0, maxEntries: 100, now: () => START });
    await verifier.verify('ada:t1');
    await verifier.verify('ada:t1');
    assert.equal(calls.length, 2);
  });
});
