import { mergeApplicationConfig, type ApplicationConfig } from '@angular/core';
import { provideServerRendering, withRoutes } from '@angular/ssr';
import { appConfig } from './app.config';
import { serverRoutes } from './app.routes.server';
import { PAGE_SHELL } from './core/hydration/page-shell';
import { AppOrchestratorManager, BaseOrchestratorManager } from './core/orchestration/orchestrator-manager';
import { OrdersLive } from './orders/orchestrator/orders-live';
import { ShellOrdersLive } from './orders/orchestrator/shell-orders-live';

/**
 * The app as the build prerenders /sign-in, in Node, once (app.routes.server.ts): the browser's
 * config with what would reach the outside world replaced. Session (signed out) and Theme (no
 * storage) check the platform themselves; Firebase is not loaded here (provideFirebase).
 */
class NoOrchestrators extends BaseOrchestratorManager {
  protected readonly orchestrators = [];
}

const serverConfig: ApplicationConfig = {
  providers: [
    provideServerRendering(withRoutes(serverRoutes)),
    // Orchestrators start with the app in the browser; at build time there is nothing to handle.
    { provide: AppOrchestratorManager, useClass: NoOrchestrators },
    // No socket and no list at build time: the shells show the orders loading, and their HTML asks
    // for the list the screen will show (HeadStart).
    { provide: OrdersLive, useClass: ShellOrdersLive },
    { provide: PAGE_SHELL, useValue: true },
  ],
};

export const config = mergeApplicationConfig(appConfig, serverConfig);
