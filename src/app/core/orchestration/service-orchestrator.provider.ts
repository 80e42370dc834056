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
import { ServiceOrchestrator } from './service-orchestrator';

/** Overrides of the defaults in DEFAULT_SERVICE_ORCHESTRATOR_CONFIG. */
export const SERVICE_ORCHESTRATOR_CONFIG = new InjectionToken<Partial<ServiceOrchestratorConfig>>(
  'SERVICE_ORCHESTRATOR_CONFIG',
  { providedIn: 'root', factory: () => ({}) },
);

/** Clock, sleep, random and logger; the real ones unless a test provides its own. */
export const SERVICE_ORCHESTRATOR_RUNTIME = new InjectionToken<Partial<ServiceOrchestratorRuntime>>(
  'SERVICE_ORCHESTRATOR_RUNTIME',
  { providedIn: 'root', factory: () => ({}) },
);

/** The app's one ServiceOrchestrator, disposed with the app so no retry outlives it. */
export const SERVICE_ORCHESTRATOR = new InjectionToken<ServiceOrchestrator>(
  'SERVICE_ORCHESTRATOR',
  {
    providedIn: 'root',
    factory: () => {
      const orchestrator = new ServiceOrchestrator(
        inject(SERVICE_ORCHESTRATOR_CONFIG),
        inject(SERVICE_ORCHESTRATOR_RUNTIME),
      );
      inject(DestroyRef).onDestroy(() => orchestrator.dispose());
      return orchestrator;
    },
  },
);

export function provideServiceOrchestrator(
  config: Partial<ServiceOrchestratorConfig> = {},
  runtime: Partial<ServiceOrchestratorRuntime> = {},
): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: SERVICE_ORCHESTRATOR_CONFIG, useValue: config },
    { provide: SERVICE_ORCHESTRATOR_RUNTIME, useValue: runtime },
  ]);
}
