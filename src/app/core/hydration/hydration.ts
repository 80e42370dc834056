import type { EnvironmentProviders } from '@angular/core';
import { provideClientHydration, withEventReplay, withNoHttpTransferCache } from '@angular/platform-browser';

/**
 * Production and bench builds prerender /sign-in (app.routes.server.ts): the browser keeps that
 * DOM instead of rendering it again, and replays what the user did before the app had loaded
 * (typing, a submit: withEventReplay). Nothing is fetched over HTTP at build time, so there is no
 * transfer cache. Development builds (ng serve, Karma) prerender nothing: angular.json replaces
 * this file with hydration.development.ts there.
 */
export const hydration: EnvironmentProviders[] = [provideClientHydration(withEventReplay(), withNoHttpTransferCache())];
