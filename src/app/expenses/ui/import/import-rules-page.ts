import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { IMPORT_RULE_PATTERN_MAX, normalisePayee, type ImportRuleMatch } from '@maestro/contracts';
import { catchError, map, of, startWith } from 'rxjs';
import { Notifier } from '../../../core/notify/notifier';
import { confirm } from '../../../shared/ui/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { CategoriesRepository } from '../../data/categories-repository';
import { ImportRulesCommands } from '../../data/import-rules-commands';
import { ImportRulesRepository } from '../../data/import-rules-repository';
import { bySpecificity, type ImportRule } from '../../model/import-rule-match';

type RulesView = { state: 'loading' } | { state: 'ready'; rules: ImportRule[] } | { state: 'error' };

/**
 * The import rules (payee → category) that an import's review applies: add, edit, delete. The
 * most specific rule wins, so the list is shown in the order rules apply and has no manual order.
 */
@Component({
  selector: 'app-import-rules-page',
  imports: [
    PageHeader,
    EmptyState,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  templateUrl: './import-rules-page.html',
  styleUrl: './import-rules-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportRulesPage {
  private readonly commands = inject(ImportRulesCommands);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  private readonly patternInput = viewChild<ElementRef<HTMLInputElement>>('patternInput');

  protected readonly view = toSignal(
    inject(ImportRulesRepository)
      .watchAll()
      .pipe(
        map((rules): RulesView => ({ state: 'ready', rules: bySpecificity(rules) })),
        startWith<RulesView>({ state: 'loading' }),
        catchError(() => of<RulesView>({ state: 'error' })),
      ),
    { requireSync: true },
  );
  protected readonly categories = toSignal(inject(CategoriesRepository).watchAll().pipe(catchError(() => of([]))), { initialValue: [] });
  private readonly categoryPaths = computed(() => new Map(this.categories().map((c) => [c.id, c.path])));

  private readonly formDirective = viewChild(FormGroupDirective);
  protected readonly patternMax = IMPORT_RULE_PATTERN_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    pattern: ['', [Validators.required, Validators.maxLength(IMPORT_RULE_PATTERN_MAX), Validators.pattern(/\S/)]],
    match: ['exact' as ImportRuleMatch],
    categoryId: ['', Validators.required],
  });
  /** The rule being edited in the form; null: the form adds a rule. */
  protected readonly editing = signal<ImportRule | null>(null);
  protected readonly saving = signal(false);
  protected readonly refusal = signal<string | null>(null);

  protected categoryPath(categoryId: string): string {
    return this.categoryPaths().get(categoryId) ?? 'A deleted category (the rule applies no more)';
  }

  protected edit(rule: ImportRule): void {
    this.editing.set(rule);
    this.refusal.set(null);
    this.form.reset({ pattern: rule.pattern, match: rule.match, categoryId: rule.categoryId });
    this.patternInput()?.nativeElement.focus();
  }

  protected cancelEdit(): void {
    this.editing.set(null);
    this.refusal.set(null);
    // Through the form directive: a plain reset leaves it "submitted", and an empty form saying what is missing.
    const empty = { pattern: '', match: 'exact' as const, categoryId: '' };
    const directive = this.formDirective();
    if (directive) directive.resetForm(empty);
    else this.form.reset(empty);
  }

  protected async save(): Promise<void> {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const { pattern, match, categoryId } = this.form.getRawValue();
    const rule = { pattern: normalisePayee(pattern), match, categoryId };
    this.saving.set(true);
    const outcome = await this.commands.save([{ ruleId: this.editing()?.id ?? null, rule }]);
    this.saving.set(false);
    if (!outcome.ok) {
      this.refusal.set(outcome.message);
      return;
    }
    this.notifier.info(`Rule for “${rule.pattern}” saved.`);
    this.cancelEdit();
  }

  protected async remove(rule: ImportRule): Promise<void> {
    const ok = await confirm(this.dialog, {
      title: `Delete the rule for “${rule.pattern}”?`,
      message: 'Expenses already imported keep their category; the next import no longer fills it in for this payee.',
      confirm: 'Delete',
      destructive: true,
    });
    if (!ok) return;
    const outcome = await this.commands.delete(rule.id);
    if (outcome.ok) {
      this.notifier.info(`Rule for “${rule.pattern}” deleted.`);
      if (this.editing()?.id === rule.id) this.cancelEdit();
    } else this.notifier.error(outcome.message);
  }
}
