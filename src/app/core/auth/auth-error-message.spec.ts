import { authErrorMessage } from './auth-error-message';

describe('authErrorMessage', () => {
  it('says the same thing for a wrong password and an unknown user, so emails cannot be probed', () => {
    const wrongPassword = authErrorMessage({ code: 'auth/wrong-password' });
    expect(authErrorMessage({ code: 'auth/user-not-found' })).toBe(wrongPassword);
    expect(authErrorMessage({ code: 'auth/invalid-credential' })).toBe(wrongPassword);
    expect(wrongPassword).toContain('do not match');
  });

  it('tells a disabled user to ask an admin', () => {
    expect(authErrorMessage({ code: 'auth/user-disabled' })).toContain('Ask an admin');
  });

  it('tells the user to check the connection when the service is unreachable', () => {
    expect(authErrorMessage({ code: 'auth/network-request-failed' })).toContain('connection');
  });

  it('never shows a raw code for errors it does not know', () => {
    const message = authErrorMessage({ code: 'auth/internal-error' });
    expect(message).not.toContain('auth/');
    expect(authErrorMessage(new Error('boom'))).toBe(message);
    expect(authErrorMessage(null)).toBe(message);
  });
});
