/** What went wrong with an invite link, in words the new member can act on. */
export interface WelcomeProblem {
  message: string;
  /** The link cannot work any more: show the way to sign in, not the form. */
  linkDead: boolean;
}

export function welcomeProblem(error: unknown): WelcomeProblem {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'auth/expired-action-code':
      return { linkDead: true, message: 'This invite link has expired. Ask the admin who invited you for a new one.' };
    case 'auth/invalid-action-code':
      return {
        linkDead: true,
        message: 'This invite link was already used, or it was copied incompletely. If you already chose your password, sign in with it; otherwise ask the admin who invited you for a new link.',
      };
    case 'auth/user-disabled':
      return { linkDead: true, message: 'This account has been disabled. Ask an admin to enable it again.' };
    case 'auth/user-not-found':
      return { linkDead: true, message: 'The account this link was made for no longer exists. Ask an admin to invite you again.' };
    case 'auth/weak-password':
      return { linkDead: false, message: 'Choose a stronger password: at least 8 characters.' };
    case 'auth/network-request-failed':
      return { linkDead: false, message: 'Cannot reach the sign-in service. Check your connection and try again.' };
    case 'auth/too-many-requests':
      return { linkDead: false, message: 'Too many attempts. Wait a minute, then try again.' };
    default:
      return { linkDead: false, message: 'Setting your password failed for an unexpected reason. Try again; if it keeps failing, tell an admin.' };
  }
}
