import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { CATEGORY_DEPTH_MAX, NAME_MAX, categoryNameTaken, comparableName, type CategoryDraft } from '@maestro/contracts';
import { FormError } from '../../../shared/ui/form-error';
import { showNameTaken } from '../name-taken';
import type { CategoryOption } from '../../data/categories-repository';
import { CategoryCommands } from '../../data/ledger-commands';
import { createsLoop, depthUnder } from '../../model/category-tree';
import { CATEGORY_COLOURS, CATEGORY_ICONS } from './category-style';

/** Stands for the category being created in the tree: no stored id contains a slash. */
const NEW_CATEGORY = '/new';

const TOO_DEEP = `Categories nest at most ${CATEGORY_DEPTH_MAX} levels deep: choose a parent higher up.`;
const SOME_TOO_DEEP = `Parents marked “too deep” would nest it more than ${CATEGORY_DEPTH_MAX} levels deep.`;

export interface CategoryDialogData {
  /** The category to edit; absent for a new one. */
  category?: CategoryOption;
  all: CategoryOption[];
}

/** Create or edit a category: name, colour, icon and an optional parent. */
@Component({
  selector: 'app-category-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule, FormError],
  templateUrl: './category-dialog.html',
  styleUrl: './category-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CategoryDialog {
  private readonly commands = inject(CategoryCommands);
  private readonly dialog = inject(MatDialogRef<CategoryDialog, string>);
  protected readonly data = inject<CategoryDialogData>(MAT_DIALOG_DATA);
  protected readonly colours = CATEGORY_COLOURS;
  protected readonly icons = CATEGORY_ICONS;
  protected readonly nameMax = NAME_MAX;
  protected readonly editing = !!this.data.category;
  // Before the form: its parent validator reads them.
  private readonly tree = new Map(this.data.all.map((c) => [c.id, c]));
  private readonly self = this.data.category?.id ?? NEW_CATEGORY;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [
      this.data.category?.name ?? '',
      [Validators.required, Validators.maxLength(NAME_MAX), Validators.pattern(/\S/), (control: AbstractControl) => this.siblingNamed(String(control.value))],
    ],
    colour: [this.data.category?.colour ?? CATEGORY_COLOURS[0] as string, Validators.required],
    icon: [this.data.category?.icon ?? 'category', Validators.required],
    // A category already too deep (written before the limit) must move up before it is saved.
    parentId: [this.data.category?.parentId ?? '', (control: AbstractControl) => (this.tooDeep(String(control.value || '')) ? { tooDeep: true } : null)],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  /**
   * Parents on offer: never the category itself or one of its descendants; one that would put it
   * (or what is under it) deeper than the rules follow is shown, but cannot be chosen.
   */
  protected readonly parents = computed(() =>
    this.data.all
      .filter((c) => !createsLoop(this.tree, this.self, c.id))
      .map((c) => ({ ...c, tooDeep: this.tooDeep(c.id) })),
  );
  protected readonly someTooDeep = computed(() => this.parents().some((p) => p.tooDeep));
  protected readonly tooDeepText = TOO_DEEP;
  protected readonly someTooDeepText = SOME_TOO_DEEP;

  constructor() {
    // The name is unique under its parent: choosing another parent can make it free or taken.
    this.form.controls.parentId.valueChanges.subscribe(() => this.form.controls.name.updateValueAndValidity());
  }

  /** Said before sending when this browser already knows a sibling has the name (the orchestrator checks again). */
  private siblingNamed(name: string): { taken: string } | null {
    const parentId = (this.form?.controls.parentId.value ?? this.data.category?.parentId) || null;
    const original = this.data.category;
    // Its own name where it is: a name it shared before names were unique does not block other edits.
    if (original && (original.parentId || null) === parentId && comparableName(original.name) === comparableName(name)) return null;
    const sibling = this.data.all.find(
      (c) => c.id !== this.self && (c.parentId || null) === parentId && comparableName(c.name) === comparableName(name),
    );
    return sibling ? { taken: categoryNameTaken(sibling, parentId ? (this.tree.get(parentId)?.path ?? null) : null) } : null;
  }

  private tooDeep(parentId: string): boolean {
    return !!parentId && depthUnder(this.tree, this.self, parentId) > CATEGORY_DEPTH_MAX;
  }

  protected pick(field: 'colour' | 'icon', value: string): void {
    this.form.controls[field].setValue(value);
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, colour, icon, parentId } = this.form.getRawValue();
    const draft: CategoryDraft = { name: name.trim(), colour, icon, parentId: parentId || null };
    this.busy.set(true);
    this.error.set(null);
    const outcome = this.data.category ? await this.commands.update(this.data.category.id, draft) : await this.commands.create(draft);
    this.busy.set(false);
    if (outcome.ok) this.dialog.close(draft.name);
    else if (!showNameTaken(this.form.controls.name, outcome)) this.error.set(outcome.message);
  }
}
