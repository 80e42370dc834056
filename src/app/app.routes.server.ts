import { RenderMode, type ServerRoute } from '@angular/ssr';

/**
 * Only the sign-in page is rendered at build time: it is the same for every visitor. Every other
 * page needs the signed-in member, so it gets the client-only index.csr.html (firebase.json).
 */
export const serverRoutes: ServerRoute[] = [
  { path: 'sign-in', renderMode: RenderMode.Prerender },
  { path: '**', renderMode: RenderMode.Client },
];
