import { WELCOME_PAGE_PATH } from '@maestro/contracts';

/**
 * The invite link a new member opens: the app's own set-your-password page with the one-time code
 * of Firebase's password reset link. Firebase's own link goes to its action handler: in production
 * a hosted page outside Maestro, in the Auth emulator a bare endpoint that answers JSON
 * ("missing newPassword"). The code is what counts; the page redeems it with the web SDK.
 */
export function welcomeLink(firebaseLink: string, appOrigin: string): string {
  const code = new URL(firebaseLink).searchParams.get('oobCode');
  if (!code) throw new Error('Firebase returned a password reset link without an oobCode');
  const link = new URL(`/${WELCOME_PAGE_PATH}`, appOrigin);
  link.searchParams.set('oobCode', code);
  return link.toString();
}

/** The origin the admin invites from when it is one of the app's, else the app's first origin. */
export function appOriginFor(requestOrigin: string | undefined, spaOrigins: readonly string[]): string {
  return requestOrigin !== undefined && spaOrigins.includes(requestOrigin) ? requestOrigin : spaOrigins[0]!;
}
