import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideStore } from '@ngrx/store';
import { lazyEntriesAgainstTheirClasses } from '../../testing/lazy-orchestrators';
import { Session } from '../core/auth/session';
import { ORDER_REALTIME } from './data/order-realtime';
import { ORDER_REPOSITORY } from './data/order-repository';
import { provideOrders } from './orders.providers';

// An order's edit sent before the edit orchestrator's code has loaded is held for it.
describe('provideOrders', () => {
  it('names the edit orchestrator, whose code loads on first use, and every event its class listens to', async () => {
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user: signal(null), isAdmin: signal(false) } },
        provideStore(),
        provideOrders(),
        { provide: ORDER_REPOSITORY, useValue: {} },
        { provide: ORDER_REALTIME, useValue: { connect: () => undefined, disconnect: () => undefined } },
      ],
    });
    const { names, differences } = await lazyEntriesAgainstTheirClasses();
    expect(differences).toEqual([]);
    expect(names).toEqual(['order-edit']);
  });
});
