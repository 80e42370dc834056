import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Session, type SessionUser } from '../../core/auth/session';
import { LedgerAuthority } from './ledger-authority';

// The sentences each screen shows beside a control the signed-in user may not use.
describe('LedgerAuthority', () => {
  let user: ReturnType<typeof signal<SessionUser | null>>;
  let authority: LedgerAuthority;

  beforeEach(() => {
    user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role: 'staff' });
    TestBed.configureTestingModule({ providers: [{ provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } }] });
    authority = TestBed.inject(LedgerAuthority);
  });

  it('locks budgets, opening balances and category deletion for staff, and lifts them for an admin', () => {
    expect(authority.budgetsLock()).toBe('Only admins set budgets.');
    expect(authority.openingBalanceLock()).toBe('Only admins change an opening balance after the account is created.');
    expect(authority.categoryDeleteLock()).toBe('Only admins delete categories.');
    user.set({ uid: 'ada', email: 'ada@maestro.test', displayName: 'Ada', role: 'admin' });
    expect([authority.budgetsLock(), authority.openingBalanceLock(), authority.categoryDeleteLock()]).toEqual([null, null, null]);
  });

  it('leaves a record to whoever recorded it and to admins; signed out, nothing is anyone\'s', () => {
    expect(authority.recordLock({ createdBy: 'sam' }, 'expense')).toBeNull();
    expect(authority.recordLock({ createdBy: 'kim' }, 'transfer')).toBe('Only the person who recorded this transfer or an admin can change or delete it.');
    user.set({ uid: 'ada', email: 'ada@maestro.test', displayName: 'Ada', role: 'admin' });
    expect(authority.recordLock({ createdBy: 'kim' }, 'expense')).toBeNull();
    user.set(null);
    expect(authority.recordLock({ createdBy: 'sam' }, 'expense')).toBe('Only the person who recorded this expense or an admin can change or delete it.');
  });
});
