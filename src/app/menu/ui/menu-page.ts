import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { MenuCategory, MenuChange, MenuItem } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import { Notifier } from '../../core/notify/notifier';
import { MenuLive } from '../../core/realtime/menu-live';
import { formatMoney } from '../../shared/money';
import { EmptyState } from '../../shared/ui/empty-state';
import { FormError } from '../../shared/ui/form-error';
import { PageHeader } from '../../shared/ui/page-header';
import { menuSections, movedCategoryIds, taxWords } from '../model/menu-model';
import { MenuState } from '../state/menu-state';
import { CategoryDialog } from './category-dialog';
import { DishDialog, type DishDialogData } from './dish-dialog';
import { ServiceChargeForm } from './service-charge-form';
import { StockDialog } from './stock-dialog';

/** `/menu` (admins): categories in order with their dishes, tax and the service charge; every change through the API. */
@Component({
  selector: 'app-menu-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatSlideToggleModule, MatTooltipModule, PageHeader, EmptyState, FormError, ServiceChargeForm],
  templateUrl: './menu-page.html',
  styleUrl: './menu-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MenuPage {
  protected readonly state = inject(MenuState);
  private readonly dialog = inject(MatDialog);
  private readonly requests = inject(EventRequests);
  private readonly notifier = inject(Notifier);
  protected readonly showArchived = signal(false);
  /** The change on its way (a dish id or a category id): its buttons wait for the answer. */
  protected readonly busy = signal<string | null>(null);
  protected readonly sections = computed(() => {
    const menu = this.state.menu();
    return menu ? menuSections(menu, { showArchived: this.showArchived() }) : [];
  });
  protected readonly categories = computed(() => [...(this.state.menu()?.categories ?? [])].sort((a, b) => a.position - b.position));
  protected readonly archivedCount = computed(() => this.state.menu()?.menuItems.filter((dish) => dish.archived).length ?? 0);
  protected readonly taxWords = taxWords;

  constructor() {
    // Another admin's change or a cook's 86 shows here at once: keep the socket open meanwhile.
    inject(MenuLive).want();
    // Stock reserved or given back by orders (no menu event) shows here at once too.
    this.state.followStock();
    void this.state.load();
  }

  protected price(dish: MenuItem): string {
    return formatMoney(dish.priceMinor, dish.currency);
  }

  protected addDish(category?: MenuCategory): void {
    const currency = this.state.menu()?.menuItems[0]?.currency ?? 'USD';
    const data: DishDialogData = { categories: this.categories(), currency, categoryId: category?.id };
    this.dialog
      .open(DishDialog, { data })
      .afterClosed().subscribe((dish) => dish && this.notifier.info(`${dish.name} is on the menu.`));
  }

  protected editDish(dish: MenuItem): void {
    const data: DishDialogData = { categories: this.categories(), dish, currency: dish.currency };
    this.dialog.open(DishDialog, { data });
  }

  protected restock(dish: MenuItem): void {
    this.dialog.open(StockDialog, { data: dish });
  }

  protected editCategory(category: MenuCategory | null): void {
    this.dialog.open(CategoryDialog, { data: category });
  }

  protected toggleAvailable(dish: MenuItem): Promise<void> {
    return this.change(dish.id, { kind: 'updateItem', menuItemId: dish.id, patch: { available: !dish.available } });
  }

  protected async archive(dish: MenuItem, archived: boolean): Promise<void> {
    await this.change(dish.id, { kind: 'updateItem', menuItemId: dish.id, patch: { archived } }, archived ? `${dish.name} archived: it is off the order menu.` : `${dish.name} is back on the menu.`);
  }

  protected move(index: number, delta: -1 | 1): Promise<void> {
    const ids = movedCategoryIds(this.categories(), index, delta);
    return ids ? this.change(this.categories()[index]!.id, { kind: 'reorderCategories', categoryIds: ids }) : Promise.resolve();
  }

  private async change(key: string, change: MenuChange, done?: string): Promise<void> {
    this.busy.set(key);
    const outcome = await this.requests.send('MENU_CHANGE_REQUESTED', { change }, 'MENU_CHANGED');
    this.busy.set(null);
    if (!outcome.ok) this.notifier.error(outcome.message);
    else if (done) this.notifier.info(done);
  }
}
