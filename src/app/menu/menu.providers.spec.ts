import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { lazyEntriesAgainstTheirClasses } from '../../testing/lazy-orchestrators';
import { Session } from '../core/auth/session';
import { FirestoreLoader } from '../core/firebase/firestore-loader';
import { MenuApi } from './data/menu-api';
import { provideMenu } from './menu.providers';

// The kitchen's 86 sent before the menu orchestrator's code has loaded is held for it.
describe('provideMenu', () => {
  it('names the orchestrator and every event its class listens to', async () => {
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user: signal(null), isAdmin: signal(false) } },
        { provide: MenuApi, useValue: {} },
        { provide: FirestoreLoader, useValue: {} },
        provideMenu(),
      ],
    });
    const { names, differences } = await lazyEntriesAgainstTheirClasses();
    expect(differences).toEqual([]);
    expect(names).toEqual(['menu']);
  });
});
