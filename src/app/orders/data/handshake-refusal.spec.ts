import { HANDSHAKE_RETRY_MS, RATE_LIMITED_RETRY_MS, afterHandshakeRefusal, isTokenRefusal } from './handshake-refusal';

describe('afterHandshakeRefusal', () => {
  it('tries a refused token once more with a freshly minted one', () => {
    for (const code of ['token_expired', 'unauthenticated', 'not_a_member']) {
      expect(afterHandshakeRefusal(code, 1)).withContext(code).toEqual({ kind: 'retry', freshToken: true, afterMs: HANDSHAKE_RETRY_MS });
    }
  });

  it('ends the session when the fresh token is refused too, instead of knocking again and again', () => {
    for (const code of ['token_expired', 'unauthenticated', 'not_a_member']) {
      expect(afterHandshakeRefusal(code, 2)).withContext(code).toEqual({ kind: 'end-session' });
      expect(afterHandshakeRefusal(code, 7)).withContext(code).toEqual({ kind: 'end-session' });
    }
  });

  it('waits out a rate limit instead of stretching it', () => {
    expect(afterHandshakeRefusal('rate_limited', 0)).toEqual({ kind: 'retry', freshToken: false, afterMs: RATE_LIMITED_RETRY_MS });
  });

  it('retries soon, with the same token, when the API or Auth could not answer', () => {
    for (const code of ['unavailable', 'internal', undefined]) {
      expect(afterHandshakeRefusal(code, 1)).withContext(String(code)).toEqual({ kind: 'retry', freshToken: false, afterMs: HANDSHAKE_RETRY_MS });
    }
  });

  it('knows which codes refuse the token itself', () => {
    expect(['token_expired', 'unauthenticated', 'not_a_member', 'rate_limited', 'unavailable', undefined].map(isTokenRefusal)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
