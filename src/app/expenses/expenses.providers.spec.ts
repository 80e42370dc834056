import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { lazyEntriesAgainstTheirClasses } from '../../testing/lazy-orchestrators';
import { Session } from '../core/auth/session';
import { FirestoreLoader } from '../core/firebase/firestore-loader';
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
    const { names, differences } = await lazyEntriesAgainstTheirClasses();
    expect(differences).toEqual([]);
    expect(names.length).toBe(9);
  });
});
