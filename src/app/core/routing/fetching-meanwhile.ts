import type { CanMatchFn } from '@angular/router';

/**
 * A route's `canMatch` that starts fetching its component and lets the route match: the router
 * asks for a lazy component only after matching (which loads the child routes' files) and after
 * the guards (which wait for Firebase Auth), so on a slow network each of those would be a round
 * trip before the component's download even began (issue 21).
 */
export const fetchingMeanwhile =
  (load: () => Promise<unknown>): CanMatchFn =>
  () => {
    void load();
    return true;
  };
