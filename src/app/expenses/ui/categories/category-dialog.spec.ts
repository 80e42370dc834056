import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { CategoryDraft } from '@maestro/contracts';
import type { CategoryOption } from '../../data/categories-repository';
import { CategoryCommands } from '../../data/ledger-commands';
import { CategoryDialog, type CategoryDialogData } from './category-dialog';

// Categories nest at most four levels: the parent picker offers no parent that would go deeper.
describe('CategoryDialog parents', () => {
  const category = (id: string, parentId: string | null, depth: number): CategoryOption => ({ id, name: id, colour: '#2e7d32', icon: 'eco', parentId, depth, path: id });
  // food › fresh › veg › roots (levels 1–4); drinks › hot (hot has a sub-category, tea).
  const all = [
    category('food', null, 0),
    category('fresh', 'food', 1),
    category('veg', 'fresh', 2),
    category('roots', 'veg', 3),
    category('drinks', null, 0),
    category('hot', 'drinks', 1),
    category('tea', 'hot', 2),
  ];
  let fixture: ComponentFixture<CategoryDialog>;
  let sent: CategoryDraft[];

  async function open(data: CategoryDialogData) {
    sent = [];
    TestBed.configureTestingModule({
      providers: [
        { provide: CategoryCommands, useValue: { update: (_id: string, c: CategoryDraft) => (sent.push(c), Promise.resolve({ ok: true, value: undefined })) } },
        { provide: MatDialogRef, useValue: { close: () => undefined } },
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(CategoryDialog);
    await fixture.whenStable();
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  const el = () => fixture.nativeElement as HTMLElement;
  async function offered(): Promise<{ name: string; disabled: boolean }[]> {
    el().querySelector<HTMLElement>('mat-select .mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    return [...document.querySelectorAll('mat-option')].map((o) => ({
      name: o.textContent!.replace(/\s+/g, ' ').trim(),
      disabled: o.getAttribute('aria-disabled') === 'true',
    }));
  }

  it('offers a new category every parent down to the third level, the fourth as too deep', async () => {
    await open({ all });
    const options = await offered();
    expect(options.filter((o) => o.disabled).map((o) => o.name)).toEqual(['roots · too deep']);
    expect(options.find((o) => o.name === 'veg')?.disabled).toBeFalse();
    expect(el().textContent).toContain('Parents marked “too deep” would nest it more than 4 levels deep.');
  });

  it('counts what is under the category being moved', async () => {
    await open({ category: all[5], all });
    const options = await offered();
    // hot (with tea under it) fits under fresh, not under veg or roots; never under itself or tea.
    expect(options.filter((o) => o.disabled).map((o) => o.name)).toEqual(['veg · too deep', 'roots · too deep']);
    expect(options.map((o) => o.name)).not.toContain('tea');
  });

  it('says so, and sends nothing, for a category already deeper than the rules allow', async () => {
    const tooDeep = category('baby', 'roots', 4);
    await open({ category: tooDeep, all: [...all, tooDeep] });
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(el().textContent).toContain('Categories nest at most 4 levels deep: choose a parent higher up.');
    expect(sent).toEqual([]);
  });
});

// Names are unique under one parent: the dialog says so on the Name field, before sending when it
// already knows, and when the orchestrator refuses (someone else was quicker).
describe('CategoryDialog names', () => {
  const option = (id: string, name: string, parentId: string | null, path: string): CategoryOption => ({ id, name, colour: '#2e7d32', icon: 'eco', parentId, depth: parentId ? 1 : 0, path });
  const all = [option('ingredients', 'Ingredients', null, 'Ingredients'), option('produce', 'Produce', 'ingredients', 'Ingredients › Produce'), option('rent', 'Rent', null, 'Rent')];
  let fixture: ComponentFixture<CategoryDialog>;
  let sent: CategoryDraft[];
  let answer: { ok: true; value: string } | { ok: false; message: string; code?: string };

  async function open(data: CategoryDialogData) {
    sent = [];
    answer = { ok: true, value: 'new' };
    const send = (c: CategoryDraft) => (sent.push(c), Promise.resolve(answer));
    TestBed.configureTestingModule({
      providers: [
        { provide: CategoryCommands, useValue: { create: send, update: (_id: string, c: CategoryDraft) => send(c) } },
        { provide: MatDialogRef, useValue: { close: () => undefined } },
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(CategoryDialog);
    await fixture.whenStable();
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  const el = () => fixture.nativeElement as HTMLElement;
  const nameError = () => el().querySelector('mat-form-field mat-error')?.textContent?.trim();
  async function typeName(value: string) {
    const input = el().querySelector<HTMLInputElement>('input[formcontrolname="name"]')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function submit() {
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('refuses a top-level name in use, any case or spacing, without sending it', async () => {
    await open({ all });
    await typeName('  INGREDIENTS ');
    await submit();
    expect(nameError()).toBe('A top-level category named “Ingredients” already exists.');
    expect(sent).toEqual([]);
  });

  it('lets a category keep its own name in another case', async () => {
    await open({ category: all[1], all });
    await typeName('PRODUCE');
    await submit();
    expect(nameError()).toBeUndefined();
    expect(sent.map((c) => c.name)).toEqual(['PRODUCE']);
  });

  it('lets a category that shares its name from before still be edited (its colour, say)', async () => {
    const twin = option('produce-2', 'produce', 'ingredients', 'Ingredients › produce');
    await open({ category: twin, all: [...all, twin] });
    await submit();
    expect(nameError()).toBeUndefined();
    expect(sent.map((c) => c.name)).toEqual(['produce']);
  });

  it('shows the orchestrator’s refusal on the Name field', async () => {
    await open({ all });
    answer = { ok: false, code: 'already-exists', message: 'A top-level category named “Wages” already exists.' };
    await typeName('Wages');
    await submit();
    expect(nameError()).toBe('A top-level category named “Wages” already exists.');
    expect(el().querySelector('[role="alert"]')).toBeNull();
  });
});
