import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { BehaviorSubject, of, throwError } from 'rxjs';
import { Notifier } from '../../../core/notify/notifier';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { ImportRulesCommands } from '../../data/import-rules-commands';
import { ImportRulesRepository } from '../../data/import-rules-repository';
import type { ImportRule } from '../../model/import-rule-match';
import { ImportRulesPage } from './import-rules-page';

// The list of import rules: what it shows, what it sends, and what it says when refused.
describe('ImportRulesPage', () => {
  const categories: CategoryOption[] = [
    { id: 'ingredients', name: 'Ingredients', colour: '#000000', icon: 'eco', parentId: null, depth: 0, path: 'Ingredients' },
    { id: 'produce', name: 'Produce', colour: '#000000', icon: 'eco', parentId: 'ingredients', depth: 1, path: 'Ingredients › Produce' },
  ];
  let rules: BehaviorSubject<ImportRule[]>;
  let save: jasmine.Spy;
  let remove: jasmine.Spy;
  let fixture: ComponentFixture<ImportRulesPage>;
  const page = () => fixture.nativeElement as HTMLElement;

  async function open(rulesSource = rules.asObservable()) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: ImportRulesRepository, useValue: { watchAll: () => rulesSource } },
        { provide: CategoriesRepository, useValue: { watchAll: () => of(categories) } },
        { provide: ImportRulesCommands, useValue: { save, delete: remove } },
        { provide: Notifier, useValue: { info: () => undefined, error: () => undefined } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(ImportRulesPage);
    await fixture.whenStable();
  }

  beforeEach(() => {
    rules = new BehaviorSubject<ImportRule[]>([]);
    save = jasmine.createSpy('save').and.resolveTo({ ok: true, value: ['r0'] });
    remove = jasmine.createSpy('delete').and.resolveTo({ ok: true, value: undefined });
  });
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  async function pickOption(select: HTMLElement, text: string) {
    select.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.trim() === text)!.click();
    await fixture.whenStable();
  }
  async function type(text: string) {
    const input = page().querySelector<HTMLInputElement>('input[formControlName="pattern"]')!;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  const submit = async () => {
    page().querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await fixture.whenStable();
  };

  it('says what rules are for when there are none yet', async () => {
    await open();
    expect(page().querySelector('app-empty-state')?.textContent).toContain('No import rules yet');
  });

  it('lists rules in the order they apply, each with its category path', async () => {
    rules.next([
      { id: 'r0', pattern: 'sysco', match: 'contains', categoryId: 'ingredients' },
      { id: 'r1', pattern: 'sysco foods 12', match: 'exact', categoryId: 'produce' },
      { id: 'r2', pattern: 'old', match: 'exact', categoryId: 'deleted-category' },
    ]);
    await open();
    const items = [...page().querySelectorAll('.rules li .text')].map((text) => [...text.children].map((part) => part.textContent!.trim()).join(' '));
    expect(items).toEqual([
      'Payee is exactly “sysco foods 12” → Ingredients › Produce',
      'Payee is exactly “old” → A deleted category (the rule applies no more)',
      'Payee contains “sysco” → Ingredients',
    ]);
  });

  it('adds a rule with the payee normalised, and refuses an empty form without sending', async () => {
    await open();
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(page().textContent).toContain('Write the payee');

    await type('  SYSCO   Chicago ');
    await pickOption(page().querySelector('mat-select[formControlName="match"]')!, 'contains');
    await pickOption(page().querySelector('mat-select[formControlName="categoryId"]')!, 'Ingredients › Produce');
    await submit();
    expect(save).toHaveBeenCalledOnceWith([{ ruleId: null, rule: { pattern: 'sysco chicago', match: 'contains', categoryId: 'produce' } }]);
    // Saved: the form is empty for the next rule, without telling the user what is missing.
    expect(page().querySelector<HTMLInputElement>('input[formControlName="pattern"]')!.value).toBe('');
    expect(page().querySelector('mat-error')).toBeNull();
  });

  it('edits a rule in the form, Escape cancels, and a refusal is shown in words', async () => {
    rules.next([{ id: 'r4', pattern: 'sysco', match: 'contains', categoryId: 'ingredients' }]);
    await open();
    page().querySelector<HTMLButtonElement>('button[aria-label="Edit the rule for sysco"]')!.click();
    await fixture.whenStable();
    expect(page().querySelector('#rule-form-title')?.textContent).toContain('Edit the rule for “sysco”');
    expect(document.activeElement).toBe(page().querySelector('input[formControlName="pattern"]'));

    page().querySelector('form')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await fixture.whenStable();
    expect(page().querySelector('#rule-form-title')?.textContent).toContain('Add a rule');

    page().querySelector<HTMLButtonElement>('button[aria-label="Edit the rule for sysco"]')!.click();
    await fixture.whenStable();
    save.and.resolveTo({ ok: false, message: 'There is already a rule for “sysco foods”. Edit that one instead.' });
    await type('sysco foods');
    await submit();
    expect(save).toHaveBeenCalledOnceWith([{ ruleId: 'r4', rule: { pattern: 'sysco foods', match: 'contains', categoryId: 'ingredients' } }]);
    expect(page().querySelector('[role="alert"]')?.textContent).toContain('There is already a rule for “sysco foods”.');
  });

  it('deletes a rule after asking', async () => {
    rules.next([{ id: 'r4', pattern: 'sysco', match: 'contains', categoryId: 'ingredients' }]);
    await open();
    page().querySelector<HTMLButtonElement>('button[aria-label="Delete the rule for sysco"]')!.click();
    await fixture.whenStable();
    const confirmButton = [...document.querySelectorAll<HTMLButtonElement>('.cdk-overlay-container button')].find((b) => b.textContent?.trim() === 'Delete')!;
    confirmButton.click();
    await fixture.whenStable();
    expect(remove).toHaveBeenCalledOnceWith('r4');
  });

  it('says so when the rules cannot be loaded', async () => {
    await open(throwError(() => new Error('permission-denied')));
    expect(page().querySelector('[role="alert"]')?.textContent).toContain('The import rules could not be loaded.');
  });
});
