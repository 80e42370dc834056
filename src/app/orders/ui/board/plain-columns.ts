import type { AppEnvironment } from '../../../core/config/app-environment';

/**
 * `?scroll=plain` makes the board render every card of a column (a plain `@for`) instead of
 * scrolling virtually. It exists only as the baseline of `npm run bench -- order-board`:
 * production builds ignore it, so users always get virtual scrolling.
 */
export function plainColumnsRequested(
  environment: Pick<AppEnvironment, 'production'> | null,
  search: string,
): boolean {
  return environment?.production === false && new URLSearchParams(search).get('scroll') === 'plain';
}
