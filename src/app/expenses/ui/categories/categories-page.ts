import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { catchError, map, of, startWith } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { Notifier } from '../../../core/notify/notifier';
import { confirm } from '../../../shared/ui/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { CategoriesRepository, type CategoryOption } from '../../data/categories-repository';
import { CategoryCommands } from '../../data/ledger-commands';
import { duplicateCategories, type DuplicateGroup } from '../../model/duplicate-names';
import { DuplicateNames } from '../duplicate-names';
import { MergeDialog, type MergeDialogData } from '../merge-dialog';
import { LedgerAuthority } from '../ledger-authority';
import { CategoryDialog, type CategoryDialogData } from './category-dialog';

type CategoriesView = { state: 'loading' } | { state: 'ready'; categories: CategoryOption[] } | { state: 'error'; message: string };

/** The category tree: what expenses are filed under, and what budgets are set for. */
@Component({
  selector: 'app-categories-page',
  imports: [PageHeader, EmptyState, DuplicateNames, MatButtonModule, MatIconModule, MatMenuModule, MatProgressBarModule, MatTooltipModule],
  templateUrl: './categories-page.html',
  styleUrl: './categories-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CategoriesPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly commands = inject(CategoryCommands);
  private readonly session = inject(Session);
  /** Deleting takes the category's budgets with it: admins only. Editing stays open to everyone. */
  protected readonly deleteLock = inject(LedgerAuthority).categoryDeleteLock;

  protected readonly view = toSignal(
    inject(CategoriesRepository)
      .watchAll()
      .pipe(
        map((categories): CategoriesView => ({ state: 'ready', categories })),
        startWith<CategoriesView>({ state: 'loading' }),
        catchError(() => of<CategoriesView>({ state: 'error', message: 'Categories could not be loaded. Reload the page to try again.' })),
      ),
    { requireSync: true },
  );

  /** Names siblings share from before they were unique, for admins to sort out. */
  protected readonly duplicates = computed(() => {
    const view = this.view();
    return view.state === 'ready' && this.session.isAdmin() ? duplicateCategories(view.categories) : [];
  });

  protected mergeDuplicates(group: DuplicateGroup): void {
    const data: MergeDialogData = { kind: 'category', group };
    this.dialog
      .open(MergeDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((message?: string) => {
        if (message) this.notifier.info(message);
      });
  }

  protected renameDuplicate(categoryId: string): void {
    const view = this.view();
    const category = view.state === 'ready' ? view.categories.find((c) => c.id === categoryId) : undefined;
    if (category) this.open(category);
  }

  protected open(category?: CategoryOption): void {
    const view = this.view();
    const data: CategoryDialogData = { category, all: view.state === 'ready' ? view.categories : [] };
    this.dialog
      .open(CategoryDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((name?: string) => {
        if (name) this.notifier.info(category ? `Category “${name}” saved.` : `Category “${name}” created.`);
      });
  }

  protected async remove(category: CategoryOption): Promise<void> {
    if (this.deleteLock()) return;
    const ok = await confirm(this.dialog, {
      title: `Delete “${category.name}”?`,
      message: 'Its monthly budgets are deleted with it. A category that expenses or sub-categories use cannot be deleted.',
      confirm: 'Delete',
      destructive: true,
    });
    if (!ok) return;
    const outcome = await this.commands.remove(category.id);
    if (outcome.ok) this.notifier.info(`Category “${category.name}” deleted.`);
    else this.notifier.error(outcome.message);
  }
}
