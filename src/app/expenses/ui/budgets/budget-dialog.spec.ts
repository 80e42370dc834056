import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { BudgetDraft } from '@maestro/contracts';
import { Session, type SessionUser } from '../../../core/auth/session';
import { BudgetsCommands } from '../../data/budgets-commands';
import { BudgetDialog, type BudgetDialogData } from './budget-dialog';

// The page opens this for admins only; a role taken away meanwhile shows as a reason, not a refusal.
describe('BudgetDialog', () => {
  const data: BudgetDialogData = {
    category: { id: 'produce', name: 'Produce', colour: '#66bb6a', icon: 'eco', parentId: null, depth: 0, path: 'Produce' },
    currency: 'USD',
    budgetMinor: 50_000,
  };
  let fixture: ComponentFixture<BudgetDialog>;
  let sent: BudgetDraft[];
  let closedWith: unknown;

  async function open(role: SessionUser['role']) {
    sent = [];
    closedWith = undefined;
    const user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role });
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } },
        { provide: BudgetsCommands, useValue: { set: (b: BudgetDraft) => (sent.push(b), Promise.resolve({ ok: true, value: 50_000 })) } },
        { provide: MatDialogRef, useValue: { close: (value: unknown) => (closedWith = value) } },
        { provide: MAT_DIALOG_DATA, useValue: data },
      ],
    });
    fixture = TestBed.createComponent(BudgetDialog);
    await fixture.whenStable();
  }

  const el = () => fixture.nativeElement as HTMLElement;
  const button = (text: string) => [...el().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)!;

  it('shows staff the budget with its field and buttons disabled, and why', async () => {
    await open('staff');
    expect(el().querySelector('[role="note"]')?.textContent).toContain('Only admins set budgets.');
    expect(el().querySelector('input')!.disabled).toBeTrue();
    expect(button('Save').disabled).toBeTrue();
    expect(button('Remove budget').disabled).toBeTrue();
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(sent).toEqual([]);
  });

  it('lets an admin change the budget', async () => {
    await open('admin');
    expect(el().querySelector('[role="note"]')).toBeNull();
    const input = el().querySelector('input')!;
    input.value = '650.00';
    input.dispatchEvent(new Event('input'));
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(sent).toEqual([{ categoryId: 'produce', currency: 'USD', amountMinor: 65_000 }]);
    expect(closedWith).toBe(65_000);
  });
});
