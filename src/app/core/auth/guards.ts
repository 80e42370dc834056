import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { PAGE_SHELL } from '../hydration/page-shell';
import { Notifier } from '../notify/notifier';
import { Session } from './session';

/** Pages for members; others go to sign-in (and come back afterwards), non-members to /no-access. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  // The build renders the board and the kitchen for no one: a shell, checked again in the browser.
  if (inject(PAGE_SHELL)) return true;
  const session = inject(Session);
  const router = inject(Router);
  await session.ready();
  if (session.user()) return true;
  if (session.outsider()) return router.createUrlTree(['/no-access']);
  return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** The sign-in page is only for signed-out visitors. */
export const signedOutGuard: CanActivateFn = async () => {
  const session = inject(Session);
  const router = inject(Router);
  await session.ready();
  if (session.user()) return router.createUrlTree(['/orders']);
  return session.outsider() ? router.createUrlTree(['/no-access']) : true;
};

/** The no-access page is only for a signed-in account that is not a member. */
export const outsiderGuard: CanActivateFn = async () => {
  const session = inject(Session);
  const router = inject(Router);
  await session.ready();
  if (session.outsider()) return true;
  return router.createUrlTree([session.user() ? '/orders' : '/sign-in']);
};

/** Admin pages; staff are sent to the order board with a message saying why. */
export const adminGuard: CanActivateFn = async (route) => {
  // Inject before awaiting: the injection context ends at the first await.
  const session = inject(Session);
  const router = inject(Router);
  const notifier = inject(Notifier);
  await session.ready();
  if (session.isAdmin()) return true;
  const page = (route.data['label'] as string | undefined) ?? 'That page';
  notifier.error(`${page} is for admins only. Ask an admin if you need access.`);
  return router.createUrlTree(['/orders']);
};
