import { RenderMode, type ServerRoute } from '@angular/ssr';

/**
 * Rendered at build time: the sign-in page (the same for every visitor), and the board and the
 * kitchen as shells (PAGE_SHELL: the frame and the page while the orders load; the pages phones and
 * screens open cold). Every other page gets the client-only index.csr.html (firebase.json).
 */
export const serverRoutes: ServerRoute[] = [
  { path: 'sign-in', renderMode: RenderMode.Prerender },
  { path: 'orders', renderMode: RenderMode.Prerender },
  { path: 'kitchen', renderMode: RenderMode.Prerender },
  { path: '**', renderMode: RenderMode.Client },
];
