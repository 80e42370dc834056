import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import { of } from 'rxjs';
import { Session, type SessionUser } from '../../../core/auth/session';
import { Notifier } from '../../../core/notify/notifier';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { CategoryCommands } from '../../data/ledger-commands';
import { CategoriesPage } from './categories-page';

// Deleting a category (and its budgets) is for admins; editing stays open to staff.
describe('CategoriesPage', () => {
  const categories: CategoryOption[] = [{ id: 'produce', name: 'Produce', colour: '#66bb6a', icon: 'eco', parentId: null, depth: 0, path: 'Produce' }];
  const REASON = 'Only admins delete categories.';
  let fixture: ComponentFixture<CategoriesPage>;
  let removed: string[];

  async function open(role: SessionUser['role']) {
    removed = [];
    const user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role });
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } },
        { provide: CategoriesRepository, useValue: { watchAll: () => of(categories) } },
        { provide: CategoryCommands, useValue: { remove: (id: string) => (removed.push(id), Promise.resolve({ ok: true, value: undefined })) } },
        { provide: Notifier, useValue: { info: () => undefined, error: () => undefined } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(CategoriesPage);
    await fixture.whenStable();
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[aria-label="Actions for Produce"]')!.click();
    await fixture.whenStable();
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  const item = (text: string) => [...document.querySelectorAll<HTMLButtonElement>('.cdk-overlay-container [mat-menu-item]')].find((b) => b.textContent?.includes(text))!;
  const tooltipAround = (button: HTMLElement) =>
    fixture.debugElement.queryAll(By.directive(MatTooltip)).find((d) => (d.nativeElement as HTMLElement).contains(button))!.injector.get(MatTooltip);

  it('shows staff Delete disabled with the reason on hover and in its name, Edit still open', async () => {
    await open('staff');
    const remove = item('Delete');
    expect(remove.disabled).toBeTrue();
    expect(remove.getAttribute('aria-label')).toBe(`Delete. ${REASON}`);
    expect(tooltipAround(remove).message).toBe(REASON);
    expect(tooltipAround(remove).disabled).toBeFalse();
    expect(item('Edit').disabled).toBeFalse();
  });

  it('lets an admin delete a category', async () => {
    await open('admin');
    const remove = item('Delete');
    expect(remove.disabled).toBeFalse();
    expect(tooltipAround(remove).disabled).toBeTrue();
    remove.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLButtonElement>('.cdk-overlay-container mat-dialog-actions button, .cdk-overlay-container [mat-dialog-actions] button')]
      .find((b) => b.textContent?.trim() === 'Delete')!
      .click();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(removed).toEqual(['produce']);
  });
});

// Names written before they were unique: admins see which ones and rename from the banner.
describe('CategoriesPage duplicate names', () => {
  const produce = (id: string, name: string): CategoryOption => ({ id, name, colour: '#66bb6a', icon: 'eco', parentId: 'i', depth: 1, path: `Ingredients › ${name}` });
  const categories: CategoryOption[] = [
    { id: 'i', name: 'Ingredients', colour: '#2e7d32', icon: 'restaurant', parentId: null, depth: 0, path: 'Ingredients' },
    produce('p1', 'Produce'),
    produce('p2', 'produce'),
  ];
  let fixture: ComponentFixture<CategoriesPage>;

  async function open(role: SessionUser['role']) {
    const user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role });
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } },
        { provide: CategoriesRepository, useValue: { watchAll: () => of(categories) } },
        { provide: CategoryCommands, useValue: {} },
        { provide: Notifier, useValue: { info: () => undefined, error: () => undefined } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(CategoriesPage);
    await fixture.whenStable();
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));
  const banner = () => (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('[aria-label="Duplicate category names"]');

  it('shows admins the shared name with a Rename for each, which opens the edit dialog', async () => {
    await open('admin');
    expect(banner()?.textContent).toContain('2 categories share the name “Produce” under “Ingredients”');
    banner()!.querySelector<HTMLButtonElement>('button[aria-label="Rename 2 · “produce”, produce 2 of 2"]')!.click();
    await fixture.whenStable();
    const dialog = document.querySelector<HTMLElement>('.cdk-overlay-container mat-dialog-container');
    expect(dialog?.textContent).toContain('Edit category');
    expect(dialog?.querySelector<HTMLInputElement>('input[formcontrolname="name"]')?.value).toBe('produce');
  });

  it('shows staff no banner', async () => {
    await open('staff');
    expect(banner()).toBeNull();
  });
});
