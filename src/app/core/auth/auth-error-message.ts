/**
 * Turns a Firebase Auth error into a sentence a user can act on. Wrong password and unknown
 * user read the same on purpose: telling them apart would reveal which emails have accounts.
 */
export function authErrorMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'auth/invalid-credential':
    case 'auth/invalid-login-credentials':
    case 'auth/wrong-password':
    case 'auth/user-not-found':
      return 'That email and password do not match an account. Check them and try again.';
    case 'auth/invalid-email':
      return 'That does not look like an email address.';
    case 'auth/user-disabled':
      return 'This account has been disabled. Ask an admin to enable it again.';
    case 'auth/too-many-requests':
      return 'Too many attempts. Wait a minute, then try again.';
    case 'auth/network-request-failed':
      return 'Cannot reach the sign-in service. Check your connection and try again.';
    default:
      return 'Signing in failed for an unexpected reason. Try again; if it keeps failing, tell an admin.';
  }
}
