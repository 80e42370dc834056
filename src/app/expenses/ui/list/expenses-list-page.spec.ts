import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import { Session, type SessionUser } from '../../../core/auth/session';
import { Notifier } from '../../../core/notify/notifier';
import { ExpensesCommands } from '../../data/expenses-commands';
import type { Expense } from '../../data/expenses-repository';
import { ExpensesExporter } from './expenses-exporter';
import { ExpensesListPage } from './expenses-list-page';
import { ExpensesListStore, type PageState, type SummaryState } from './expenses-list-store';
import { DEFAULT_PARAMS } from './list-params';
import { ExpensesPaginatorIntl } from './paginator-intl';

// The list's row actions for whoever is signed in: an expense is its recorder's, or an admin's.
describe('ExpensesListPage row actions', () => {
  const expense = (id: string, payee: string, createdBy: string) =>
    ({ id, accountId: 'till', categoryId: 'produce', amountMinor: 1_250, currency: 'USD', date: '2026-03-01', payee, note: '', tags: [], createdBy }) as unknown as Expense;
  const page: PageState = { status: 'ready', index: 0, page: { expenses: [expense('mine', 'Market', 'sam'), expense('theirs', 'Bakery', 'kim')], first: null, last: null } };
  const summary: SummaryState = { status: 'ready', count: 2, totals: [] };
  const REASON = 'Only the person who recorded this expense or an admin can change or delete it.';

  let fixture: ComponentFixture<ExpensesListPage>;
  let deleted: string[];

  async function open(role: SessionUser['role']) {
    deleted = [];
    const user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role });
    const store = {
      params: signal(DEFAULT_PARAMS),
      problems: signal([]),
      filtered: signal(false),
      accounts: signal([]),
      categories: signal([]),
      page: signal(page),
      summary: signal(summary),
      count: signal(2),
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } },
        { provide: ExpensesCommands, useValue: { delete: (id: string) => (deleted.push(id), Promise.resolve({ ok: true, value: undefined })) } },
        { provide: Notifier, useValue: { info: () => undefined, error: () => undefined } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.overrideComponent(ExpensesListPage, {
      set: {
        providers: [
          { provide: ExpensesListStore, useValue: store },
          { provide: ExpensesExporter, useValue: { progress: signal(null) } },
          { provide: MatPaginatorIntl, useClass: ExpensesPaginatorIntl },
        ],
      },
    });
    fixture = TestBed.createComponent(ExpensesListPage);
    await fixture.whenStable();
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  const actions = (id: string) => (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(`tr[data-expense-id="${id}"] .actions button`)!;
  const tooltipOf = (id: string) =>
    fixture.debugElement.queryAll(By.directive(MatTooltip)).find((d) => (d.nativeElement as HTMLElement).closest(`tr[data-expense-id="${id}"]`))!.injector.get(MatTooltip);

  it('shows staff someone else\'s expense locked, with the reason on hover and in its name', async () => {
    await open('staff');
    const locked = actions('theirs');
    expect(locked.disabled).toBeTrue();
    expect(locked.textContent).toContain('lock');
    expect(locked.getAttribute('aria-label')).toContain(REASON);
    expect(tooltipOf('theirs').message).toBe(REASON);
    expect(tooltipOf('theirs').disabled).toBeFalse();
  });

  it('lets the recorder open the actions and delete their own expense', async () => {
    await open('staff');
    const own = actions('mine');
    expect(own.disabled).toBeFalse();
    expect(own.getAttribute('aria-label')).not.toContain(REASON);
    expect(tooltipOf('mine').disabled).toBeTrue();
    own.click();
    await fixture.whenStable();
    const remove = [...document.querySelectorAll<HTMLButtonElement>('.cdk-overlay-container [mat-menu-item]')].find((b) => b.textContent?.includes('Delete'))!;
    remove.click();
    await fixture.whenStable();
    expect(deleted).toEqual(['mine']);
  });

  it('lets an admin change anyone\'s expense', async () => {
    await open('admin');
    expect(actions('theirs').disabled).toBeFalse();
    expect(actions('mine').disabled).toBeFalse();
  });
});
