import { Injectable, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, firstValueFrom, of, shareReplay } from 'rxjs';
import { ImportRulesCommands } from '../../data/import-rules-commands';
import { ImportRulesRepository } from '../../data/import-rules-repository';
import type { ImportLookups } from '../../model/csv-import-lookups';
import type { ImportMapping } from '../../model/csv-import-mapping';
import type { ConvertedRow } from '../../model/csv-import-rows';
import { categoriseRows, rulesToLearn, type PayeeCategory } from '../../model/import-payee-categories';
import type { ImportRule } from '../../model/import-rule-match';

export type RulesLearned = { status: 'idle' } | { status: 'saved'; count: number } | { status: 'failed'; message: string };

/**
 * The review's categories by payee: the user's choices for this file, the import rules that fill
 * in the rest, and, once the import has succeeded, the rules it teaches. Provided by the page.
 */
@Injectable()
export class PayeeCategoryChoices {
  private readonly commands = inject(ImportRulesCommands);
  // A review must not start before the rules have loaded; rules that cannot be read just do not apply.
  private readonly rules$ = inject(ImportRulesRepository)
    .watchAll()
    .pipe(
      catchError(() => of<ImportRule[]>([])),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
  readonly rules = toSignal(this.rules$, { initialValue: [] as ImportRule[] });
  /** normalised payee → category id, as picked in this review. */
  readonly choices = signal<ReadonlyMap<string, string>>(new Map());
  /** The payees of the rows the file gives no category, with what each gets. */
  readonly payees = signal<readonly PayeeCategory[]>([]);
  readonly learned = signal<RulesLearned>({ status: 'idle' });

  loadedRules(): Promise<ImportRule[]> {
    return firstValueFrom(this.rules$);
  }

  /** The rows with their categories from choices, rules or the default; remembers the payees. */
  apply(rows: readonly ConvertedRow[], mapping: ImportMapping, lookups: ImportLookups, today: Date, rules: readonly ImportRule[]): ConvertedRow[] {
    const out = categoriseRows(rows, { mapping, lookups, rules, choices: this.choices(), today });
    this.payees.set(out.payees);
    return out.rows;
  }

  choose(payeeKey: string, categoryId: string): void {
    this.choices.update((choices) => new Map([...choices, [payeeKey, categoryId]]));
  }

  reset(): void {
    this.choices.set(new Map());
    this.payees.set([]);
    this.learned.set({ status: 'idle' });
  }

  /** After a successful import: the payees given a category by hand become rules for next time. */
  async remember(): Promise<void> {
    const rules = rulesToLearn(this.payees(), await this.loadedRules());
    if (!rules.length) return;
    const outcome = await this.commands.save(rules);
    this.learned.set(outcome.ok ? { status: 'saved', count: rules.length } : { status: 'failed', message: outcome.message });
  }
}
