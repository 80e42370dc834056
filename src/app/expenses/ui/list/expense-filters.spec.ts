import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ExpenseFilters } from './expense-filters';
import { DEFAULT_PARAMS, type ListParams, type ParamProblem } from './list-params';

// What was ignored shows under the field it belongs to, so a blank field never hides a filter.
describe('ExpenseFilters messages', () => {
  let fixture: ComponentFixture<ExpenseFilters>;
  let emitted: Partial<ListParams>[];

  async function open(params: ListParams, problems: ParamProblem[]) {
    TestBed.configureTestingModule({ providers: [{ provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }] });
    fixture = TestBed.createComponent(ExpenseFilters);
    fixture.componentRef.setInput('params', params);
    fixture.componentRef.setInput('problems', problems);
    fixture.componentRef.setInput('accounts', [{ id: 'cash', name: 'Cash register', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false }]);
    fixture.componentRef.setInput('categories', []);
    emitted = [];
    fixture.componentInstance.changed.subscribe((patch) => emitted.push(patch));
    await fixture.whenStable();
  }

  const field = (label: string) =>
    [...(fixture.nativeElement as HTMLElement).querySelectorAll('mat-form-field')].find((f) => f.querySelector('mat-label')!.textContent!.includes(label))!;

  it('shows each problem under its field, marked, and nothing under the others', async () => {
    await open({ ...DEFAULT_PARAMS, from: '2026-03-10', to: '2026-03-01' }, [
      { field: 'from', message: 'From is after To: both dates ignored until one is changed.' },
      { field: 'account', message: "Unknown account 'nope' ignored." },
    ]);
    expect(field('From').querySelector('mat-hint')!.textContent).toContain('From is after To');
    expect(field('From').classList).toContain('has-problem');
    // The reversed dates stay in the fields, to be fixed there.
    expect(field('From').querySelector('input')!.value).toBe('2026-03-10');
    expect(field('Account').querySelector('mat-hint')!.textContent).toContain("Unknown account 'nope' ignored.");
    // The message is the field's description for screen readers.
    const hintId = field('Account').querySelector('mat-hint')!.id;
    expect(field('Account').querySelector('mat-select')!.getAttribute('aria-describedby')).toContain(hintId);
    expect(field('To').querySelector('mat-hint')).toBeNull();
    expect(field('Category').classList).not.toContain('has-problem');
  });

  it('sends a changed date to the URL as typed, so a wrong one is named there', async () => {
    await open(DEFAULT_PARAMS, []);
    const to = field('To').querySelector('input')!;
    to.value = '2026-03-01';
    to.dispatchEvent(new Event('change'));
    expect(emitted).toEqual([{ to: '2026-03-01' }]);
  });
});
