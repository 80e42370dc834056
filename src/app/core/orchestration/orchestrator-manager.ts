import {
  DestroyRef,
  Injectable,
  InjectionToken,
  computed,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
  type EnvironmentProviders,
  type Signal,
  type Type,
} from '@angular/core';
import { reportBusErrorsTo } from '../events/report-bus-errors';
import type { BaseOrchestratorService, OrchestratorCounters } from './base-orchestrator';

export interface OrchestratorStatus {
  name: string;
  running: boolean;
  counters: OrchestratorCounters;
}

/** What the manager starts, stops and reports on: an orchestrator, or a stand-in for one not loaded yet. */
export interface ManagedOrchestrator {
  readonly name: string;
  readonly running: Signal<boolean>;
  readonly counters: Signal<OrchestratorCounters>;
  start(): void;
  destroy(): void;
}

/** Starts and stops a group of orchestrators together and reports on them. */
export abstract class BaseOrchestratorManager {
  protected abstract readonly orchestrators: readonly ManagedOrchestrator[];

  /** Which orchestrators exist, whether they run, and their counters: for the admin monitor. */
  readonly status = computed<OrchestratorStatus[]>(() =>
    this.orchestrators.map((o) => ({ name: o.name, running: o.running(), counters: o.counters() })),
  );

  init(): void {
    for (const orchestrator of this.orchestrators) orchestrator.start();
  }

  destroyAll(): void {
    for (const orchestrator of this.orchestrators) orchestrator.destroy();
  }
}

/** One group per provideOrchestrators call (multi), so several features can register theirs. */
export const ORCHESTRATOR_GROUPS = new InjectionToken<readonly ManagedOrchestrator[][]>('ORCHESTRATOR_GROUPS');

/** The app's manager: every orchestrator registered with provideOrchestrators. */
@Injectable({ providedIn: 'root' })
export class AppOrchestratorManager extends BaseOrchestratorManager {
  protected readonly orchestrators = (inject(ORCHESTRATOR_GROUPS, { optional: true }) ?? []).flat();
}

/** Registers orchestrator classes; they start with the app and stop when it is destroyed. */
export function provideOrchestrators(...types: Type<BaseOrchestratorService>[]): EnvironmentProviders {
  return makeEnvironmentProviders([
    ...types,
    { provide: ORCHESTRATOR_GROUPS, multi: true, useFactory: () => types.map((type) => inject(type)) },
  ]);
}

/** Starts the app's orchestrators at bootstrap and stops them when the app is destroyed. */
export function provideOrchestration(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideAppInitializer(() => {
      reportBusErrorsTo();
      const manager = inject(AppOrchestratorManager);
      manager.init();
      inject(DestroyRef).onDestroy(() => manager.destroyAll());
    }),
  ]);
}
