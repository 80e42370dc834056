import {
  DestroyRef,
  InjectionToken,
  inject,
  makeEnvironmentProviders,
  type EnvironmentProviders,
} from '@angular/core';
import type {
  ServiceOrchestratorConfig,
  ServiceOrchestratorRuntime,
} from './service-orchestrator.config';
import { createServiceOrchestrator, type ServiceOrchestrator } from './service-orchestrator';

/** The app's checks run every 30 s while a service has one (the monitor registers them). */
export const APP_HEALTH_CHECK_INTERVAL_MS = 30_000;

/** Overrides of the defaults in DEFAULT_SERVICE_ORCHESTRATOR_CONFIG. */
export const SERVICE_ORCHESTRATOR_CONFIG = new InjectionToken<Partial<ServiceOrchestratorConfig>>(
  'SERVICE_ORCHESTRATOR_CONFIG',
  { providedIn: 'root', factory: () => ({ healthCheckInterval: APP_HEALTH_CHECK_INTERVAL_MS }) },
);

/** Clock, sleep, random and logger; the real ones unless a test provides its own. */
export const SERVICE_ORCHESTRATOR_RUNTIME = new InjectionToken<Partial<ServiceOrchestratorRuntime>>(
  'SERVICE_ORCHESTRATOR_RUNTIME',
  { providedIn: 'root', factory: () => ({}) },
);

/**
 * The app's one ServiceOrchestrator (the document's default `serviceOrchestrator`), disposed with
 * the app so no retry or health check outlives it. A module-level instance would outlive both.
 */
export const SERVICE_ORCHESTRATOR = new InjectionToken<ServiceOrchestrator>(
  'SERVICE_ORCHESTRATOR',
  {
    providedIn: 'root',
    factory: () => {
      const orchestrator = createServiceOrchestrator(
        inject(SERVICE_ORCHESTRATOR_CONFIG),
        inject(SERVICE_ORCHESTRATOR_RUNTIME),
      );
      inject(DestroyRef).onDestroy(() => orchestrator.dispose());
      return orchestrator;
    },
  },
);

export function provideServiceOrchestrator(
  config: Partial<ServiceOrchestratorConfig> = { healthCheckInterval: APP_HEALTH_CHECK_INTERVAL_MS },
  runtime: Partial<ServiceOrchestratorRuntime> = {},
): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: SERVICE_ORCHESTRATOR_CONFIG, useValue: config },
    { provide: SERVICE_ORCHESTRATOR_RUNTIME, useValue: runtime },
  ]);
}

/** The default instance, in an injection context: `const orchestrator = serviceOrchestrator();`. */
export function serviceOrchestrator(): ServiceOrchestrator {
  return inject(SERVICE_ORCHESTRATOR);
}
