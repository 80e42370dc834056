import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { Session, type SessionUser } from '../../../core/auth/session';
import { Notifier } from '../../../core/notify/notifier';
import { CLOCK } from '../../../core/time/clock';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { BudgetsCommands } from '../../data/budgets-commands';
import { BudgetsRepository, type Budget } from '../../data/budgets-repository';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { LedgerVersion } from '../../data/summary-live';
import { SpendingQueries } from '../../data/summary-queries';
import { BudgetsPage } from './budgets-page';

// Budgets are the admins' to set: staff read the same page, without controls that would be refused.
describe('BudgetsPage', () => {
  const accounts: Account[] = [{ id: 'bank', name: 'Bank', type: 'bank', currency: 'USD', openingBalanceMinor: 0, archived: false }];
  const categories: CategoryOption[] = [
    { id: 'produce', name: 'Produce', colour: '#66bb6a', icon: 'eco', parentId: null, depth: 0, path: 'Produce' },
    { id: 'rent', name: 'Rent', colour: '#546e7a', icon: 'home', parentId: null, depth: 0, path: 'Rent' },
  ];
  const budgets: Budget[] = [{ id: 'produce_USD', categoryId: 'produce', currency: 'USD', amountMinor: 50_000 }];
  let fixture: ComponentFixture<BudgetsPage>;

  async function open(role: SessionUser['role']) {
    const user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } },
        { provide: AccountsRepository, useValue: { watchAll: () => of(accounts) } },
        { provide: CategoriesRepository, useValue: { watchAll: () => of(categories) } },
        { provide: BudgetsRepository, useValue: { watchAll: () => of(budgets) } },
        { provide: SpendingQueries, useValue: { categoryTotals: () => Promise.resolve({ cells: [], totals: [] }) } },
        { provide: LedgerVersion, useValue: { changes: () => of(1) } },
        { provide: BudgetsCommands, useValue: { set: () => Promise.resolve({ ok: true, value: null }) } },
        { provide: CLOCK, useValue: { now: () => new Date('2026-03-15T12:00:00Z'), monotonicMs: () => 0 } },
        { provide: Notifier, useValue: { info: () => undefined, error: () => undefined } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(BudgetsPage);
    await fixture.whenStable();
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  const el = () => fixture.nativeElement as HTMLElement;
  const budgetCells = () => [...el().querySelectorAll('tbody tr td:first-of-type')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());

  it('reads as read-only for staff: says only admins set budgets, shows amounts as text', async () => {
    await open('staff');
    expect(el().querySelector('app-page-header + [role="note"]')?.textContent).toContain('Only admins set budgets.');
    expect(el().querySelectorAll('button.budget-button').length).toBe(0);
    expect(budgetCells()).toEqual(['$500.00', '—No budget']);
  });

  it('lets an admin set and change budgets', async () => {
    await open('admin');
    expect(el().textContent).not.toContain('Only admins set budgets.');
    const buttons = [...el().querySelectorAll<HTMLButtonElement>('button.budget-button')];
    expect(buttons.map((b) => b.textContent!.trim())).toEqual(['$500.00', 'Set budget']);
    buttons[1]!.click();
    await fixture.whenStable();
    expect(document.querySelector('.cdk-overlay-container')?.textContent).toContain('Budget for Rent');
  });
});
