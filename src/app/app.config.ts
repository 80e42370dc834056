import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { type ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { STORE_RUNTIME_CHECKS } from './core/state/store-runtime-checks';
import { devTools } from './core/state/dev-tools';
import { hydration } from './core/hydration/hydration';
import { provideStore } from '@ngrx/store';
import { environment } from '../environments/environment';
import { provideFirebase } from './core/firebase/firebase';
import { apiErrorInterceptor, authTokenInterceptor } from './core/http/api-interceptors';
import { headStartInterceptor } from './core/http/head-start-interceptor';
import { rateLimitRetryInterceptor } from './core/http/rate-limit-retry';
import { provideOrchestration } from './core/orchestration/orchestrator-manager';
import { provideExpenses } from './expenses/expenses.providers';
import { provideMenu } from './menu/menu.providers';
import { provideOrders } from './orders/orders.providers';
import { routes } from './app.routes';
import { provideReports } from './reports/reports.providers';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // Outer first: the error interceptor sees the outcome after the 429 and token retries; a list
    // the page's HTML already asked for (HeadStart) needs no token.
    provideHttpClient(withInterceptors([apiErrorInterceptor, rateLimitRetryInterceptor, headStartInterceptor, authTokenInterceptor])),
    provideFirebase(environment),
    // The root store is empty: a feature adds its slice with provideState(). Only orders has one,
    // added by provideOrders() below at start (not in its routes) because the orders orchestrators
    // start with the app and write to it before any orders route opens; the other features keep
    // their state in signals.
    provideStore(
      {},
      {
        runtimeChecks: STORE_RUNTIME_CHECKS,
      },
    ),
    // Starts every orchestrator a feature registers with provideOrchestrators(); stops them on destroy.
    provideOrchestration(),
    provideExpenses(),
    provideOrders(),
    provideMenu(),
    provideReports(),
    // Empty in production: angular.json swaps in the development file (see dev-tools.ts).
    ...devTools,
    // The prerendered sign-in page kept and taken over (production and bench builds; see hydration.ts).
    ...hydration,
  ],
};
