import { EnvironmentInjector, createEnvironmentInjector, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { EventType } from '@maestro/contracts';
import { Session } from '../core/auth/session';
import { EventBus } from '../core/events/event-bus';
import { FirestoreLoader } from '../core/firebase/firestore-loader';
import { ORCHESTRATOR_GROUPS } from '../core/orchestration/orchestrator-manager';
import type { LazyOrchestratorStandIn } from '../core/orchestration/lazy-orchestrator';
import { BatchOperationService } from '../core/persistence/batch-operation-service';
import { provideExpenses } from './expenses.providers';

// An event sent before an orchestrator's code has loaded is held only if its entry names it.
describe('provideExpenses', () => {
  it('names, for each orchestrator, its own name and every event its class listens to', async () => {
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user: signal(null), isAdmin: signal(false) } },
        { provide: FirestoreLoader, useValue: {} },
        { provide: BatchOperationService, useValue: {} },
        provideExpenses(),
      ],
    });
    const standIns = TestBed.inject(ORCHESTRATOR_GROUPS).flat() as LazyOrchestratorStandIn[];
    expect(standIns.length).toBe(9);
    for (const standIn of standIns) {
      const entry = standIn.orchestrator;
      const type = await entry.load();
      const asked = new Set<EventType>();
      const recording = { on: (t: EventType) => (asked.add(t), TestBed.inject(EventBus).on(t)) };
      const injector = createEnvironmentInjector([{ provide: EventBus, useValue: recording }, type], TestBed.inject(EnvironmentInjector));
      const orchestrator = injector.get(type);
      orchestrator.start();
      expect(orchestrator.name).withContext('name').toBe(standIn.name);
      expect([...asked].sort()).withContext(standIn.name).toEqual([...entry.events].sort());
      orchestrator.destroy();
      injector.destroy();
    }
  });
});
