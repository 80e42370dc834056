import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { ExpenseDraft } from '@maestro/contracts';
import { of } from 'rxjs';
import { Session, type SessionUser } from '../../../core/auth/session';
import { Notifier } from '../../../core/notify/notifier';
import { CLOCK } from '../../../core/time/clock';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import type { CommandOutcome } from '../../data/accounts-commands';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { ExpensesCommands } from '../../data/expenses-commands';
import type { Expense } from '../../data/expenses-repository';
import { ExpenseDialog } from './expense-dialog';

// The dialog with its data and commands stubbed: what the user sees for each answer.
describe('ExpenseDialog', () => {
  const accounts: Account[] = [
    { id: 'cash-register', name: 'Cash register', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false },
    { id: 'old-till', name: 'Old till', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: true },
  ];
  const categories: CategoryOption[] = [
    { id: 'produce', name: 'Produce', colour: '#66bb6a', icon: 'eco', parentId: null, depth: 0, path: 'Produce' },
  ];
  let fixture: ComponentFixture<ExpenseDialog>;
  let recorded: ExpenseDraft[];
  let answer: CommandOutcome<string>;
  let closedWith: unknown;
  let notified: string[];

  async function open(data: { expense?: Expense } | null = null, role: SessionUser['role'] = 'staff', accountList = accounts) {
    const user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role });
    recorded = [];
    notified = [];
    closedWith = undefined;
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } },
        { provide: AccountsRepository, useValue: { watchAll: () => of(accountList) } },
        { provide: CategoriesRepository, useValue: { watchAll: () => of(categories) } },
        {
          provide: ExpensesCommands,
          useValue: {
            record: (draft: ExpenseDraft) => (recorded.push(draft), Promise.resolve(answer)),
            update: (_id: string, draft: ExpenseDraft) => (recorded.push(draft), Promise.resolve(answer)),
          },
        },
        { provide: Notifier, useValue: { info: (m: string) => notified.push(m), error: (m: string) => notified.push(m) } },
        { provide: MatDialogRef, useValue: { close: (value: unknown) => (closedWith = value) } },
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: CLOCK, useValue: { now: () => new Date('2026-03-15T12:00:00Z'), monotonicMs: () => 0 } },
      ],
    });
    fixture = TestBed.createComponent(ExpenseDialog);
    await fixture.whenStable();
  }

  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent ?? '';
  const input = (label: string) => [...el().querySelectorAll('mat-form-field')].find((f) => f.textContent?.includes(label))!.querySelector('input')!;
  async function type(label: string, value: string) {
    const field = input(label);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function submit() {
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }
  const form = () => (fixture.componentInstance as unknown as { form: ExpenseDialog['form'] }).form;

  it('shows every problem under its field and sends nothing', async () => {
    await open();
    await type('Amount', '0');
    await submit();
    expect(text()).toContain('Choose an account.');
    expect(text()).toContain('Choose a category.');
    expect(text()).toContain('The amount must be more than zero.');
    expect(recorded).toEqual([]);
  });

  it('offers only accounts that take expenses, with their currency', async () => {
    await open();
    const component = fixture.componentInstance as unknown as { accountOptions: () => Account[] };
    expect(component.accountOptions().map((a) => a.id)).toEqual(['cash-register']);
  });

  it('shows the orchestrator\'s refusal inline and stays open', async () => {
    answer = { ok: false, message: 'Cash register is archived and takes no new expenses. Choose another account.' };
    await open();
    form().patchValue({ accountId: 'cash-register', categoryId: 'produce' });
    await type('Amount', '12.50');
    await submit();
    expect(recorded.length).toBe(1);
    expect(el().querySelector('[role="alert"]')?.textContent).toContain('takes no new expenses');
    expect(closedWith).toBeUndefined();
    expect(notified).toEqual([]);
  });

  it('records the draft in minor units, closes with the new id and says so', async () => {
    answer = { ok: true, value: 'new-id' };
    await open();
    form().patchValue({ accountId: 'cash-register', categoryId: 'produce', tags: ['weekly'] });
    await type('Amount', '1,234.50');
    await type('Payee', '  Market ');
    await submit();
    expect(recorded).toEqual([
      { accountId: 'cash-register', categoryId: 'produce', amountMinor: 123_450, currency: 'USD', date: '2026-03-15', payee: 'Market', note: '', tags: ['weekly'] },
    ]);
    expect(closedWith).toBe('new-id');
    expect(notified).toEqual(['Expense recorded.']);
  });

  const recordedBy = (createdBy: string) =>
    ({
      id: 'e1',
      accountId: 'old-till',
      categoryId: 'produce',
      amountMinor: 1_250,
      currency: 'USD',
      date: '2026-03-01',
      payee: 'Market',
      note: '',
      tags: [],
      createdBy,
    }) as unknown as Expense;
  const saveButton = () => el().querySelector<HTMLButtonElement>('button[type="submit"]')!;

  it('edits an expense: starts from its values, keeps its archived account selectable', async () => {
    answer = { ok: true, value: '' };
    const expense = recordedBy('sam');
    await open({ expense });
    expect(text()).toContain('Edit expense');
    expect(input('Amount').value).toBe('12.50');
    await submit();
    expect(recorded[0]).toEqual(jasmine.objectContaining({ accountId: 'old-till', amountMinor: 1_250 }));
    expect(closedWith).toBe('e1');
    expect(notified).toEqual(['Expense updated.']);
  });

  it('shows staff someone else\'s expense read-only, says why, and sends nothing', async () => {
    await open({ expense: recordedBy('kim') });
    expect(el().querySelector('[role="note"]')?.textContent).toContain('Only the person who recorded this expense or an admin can change or delete it.');
    expect(text()).not.toContain('Edit expense');
    expect(saveButton().disabled).toBeTrue();
    expect(input('Amount').disabled).toBeTrue();
    await submit();
    expect(recorded).toEqual([]);
  });

  it('lets an admin edit anyone\'s expense', async () => {
    answer = { ok: true, value: '' };
    await open({ expense: recordedBy('kim') }, 'admin');
    expect(el().querySelector('[role="note"]')).toBeNull();
    expect(saveButton().disabled).toBeFalse();
    await submit();
    expect(recorded.length).toBe(1);
    expect(closedWith).toBe('e1');
  });

  it('offers no archived account for a new expense, and says so when every account is', async () => {
    await open(null, 'staff', [accounts[1]!]);
    const component = fixture.componentInstance as unknown as { accountOptions: () => Account[] };
    expect(component.accountOptions()).toEqual([]);
    expect(text()).toContain('Every account is archived');
  });
});
