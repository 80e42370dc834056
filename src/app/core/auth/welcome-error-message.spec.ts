import { welcomeProblem } from './welcome-error-message';

describe('welcomeProblem', () => {
  it('says a used link was used and points to signing in', () => {
    const problem = welcomeProblem({ code: 'auth/invalid-action-code' });
    expect(problem.linkDead).toBeTrue();
    expect(problem.message).toContain('already used');
    expect(problem.message).toContain('sign in');
  });

  it('says an expired link expired and who gives a new one', () => {
    expect(welcomeProblem({ code: 'auth/expired-action-code' })).toEqual({
      linkDead: true,
      message: 'This invite link has expired. Ask the admin who invited you for a new one.',
    });
  });

  it('keeps the form for problems the member can retry', () => {
    expect(welcomeProblem({ code: 'auth/network-request-failed' }).linkDead).toBeFalse();
    expect(welcomeProblem({ code: 'auth/weak-password' }).message).toContain('at least 8 characters');
  });

  it('never shows a raw code for something unexpected', () => {
    const problem = welcomeProblem(new Error('INTERNAL ASSERTION FAILED'));
    expect(problem.message).not.toContain('INTERNAL');
    expect(problem.message).toContain('Try again');
  });
});
