import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { EventType } from '@maestro/contracts';
import { EventBus } from '../app/core/events/event-bus';
import type { LazyOrchestratorStandIn } from '../app/core/orchestration/lazy-orchestrator';
import { ORCHESTRATOR_GROUPS } from '../app/core/orchestration/orchestrator-manager';

/**
 * An event sent before a lazy orchestrator's code has loaded is held only if its entry names it:
 * loads each class TestBed's providers registered lazily and compares its name and the events its
 * listen() subscribes to with its entry. Says each entry's name, and each difference in words.
 */
export async function lazyEntriesAgainstTheirClasses(): Promise<{ names: string[]; differences: string[] }> {
  const standIns = TestBed.inject(ORCHESTRATOR_GROUPS)
    .flat()
    .filter((o): o is LazyOrchestratorStandIn => 'orchestrator' in o);
  const differences: string[] = [];
  for (const standIn of standIns) {
    const entry = standIn.orchestrator;
    const type = await entry.load();
    const asked = new Set<EventType>();
    const recording = { on: (t: EventType) => (asked.add(t), TestBed.inject(EventBus).on(t)) };
    const injector = createEnvironmentInjector([{ provide: EventBus, useValue: recording }, type], TestBed.inject(EnvironmentInjector));
    const orchestrator = injector.get(type);
    orchestrator.start();
    if (orchestrator.name !== standIn.name) differences.push(`entry ${standIn.name} loads ${orchestrator.name}`);
    const listened = [...asked].sort().join(', ');
    const named = [...entry.events].sort().join(', ');
    if (listened !== named) differences.push(`${standIn.name} listens to ${listened}; its entry names ${named}`);
    orchestrator.destroy();
    injector.destroy();
  }
  return { names: standIns.map((standIn) => standIn.name), differences };
}
