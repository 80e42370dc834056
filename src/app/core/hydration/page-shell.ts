import { InjectionToken } from '@angular/core';

/**
 * True only while the build renders the board and the kitchen as empty shells (app.config.server.ts,
 * app.routes.server.ts): the frame and the page as they look while the orders load, with no member
 * and no data. A phone paints that HTML at once; the browser keeps it on screen while Auth restores
 * the session, then takes it over (hydration), or leaves it for the sign-in page.
 */
export const PAGE_SHELL = new InjectionToken<boolean>('PAGE_SHELL', { factory: () => false });
