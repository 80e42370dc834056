import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { MenuCategory, MenuItem } from '@maestro/contracts';
import { formatMoney } from '../../../shared/money';
import { STATION_LABEL, menuSections, unavailableReason } from './menu-view';

/**
 * The menu by category, searchable. Each dish is a button: Enter or a click adds it. Dishes that
 * cannot be ordered stay in the list, dimmed, with the reason (and stay focusable, so a screen
 * reader hears why). Enter in the search adds the first dish that can be ordered.
 */
@Component({
  selector: 'app-menu-picker',
  imports: [MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="search">
      <mat-label>Search the menu</mat-label>
      <mat-icon matPrefix>search</mat-icon>
      <input
        matInput
        type="search"
        autocomplete="off"
        [value]="search()"
        [disabled]="disabled()"
        (input)="search.set($any($event.target).value)"
        (keydown.enter)="addFirst($event)"
      />
    </mat-form-field>
    @for (section of sections(); track section.category) {
      <section class="section" [attr.aria-label]="section.category">
        <h3>{{ section.category }}</h3>
        <ul>
          @for (dish of section.dishes; track dish.id) {
            @let reason = reasonOf(dish);
            @let count = inOrder().get(dish.id) ?? 0;
            <li>
              <button
                type="button"
                class="dish"
                [class.off]="reason"
                [attr.aria-disabled]="reason || disabled() ? 'true' : null"
                (click)="pick(dish)"
              >
                <!-- Named by all it shows, after a word for what it does (WCAG 2.5.3): "Add Burger $12.00 Grill · 5 left". -->
                <span class="visually-hidden">Add </span>
                <span class="name">{{ dish.name }}</span>
                <span class="price">{{ price(dish) }}</span>
                <span class="meta">
                  {{ station[dish.station] }}@if (showStock() && !reason) {
                    · {{ dish.stock }} left
                  }@if (reason) {
                    · <strong>{{ reason }}</strong>
                  }@if (count) {
                    · {{ count }} in the order
                  }
                </span>
              </button>
            </li>
          }
        </ul>
      </section>
    } @empty {
      <p class="none" role="status">No dish matches “{{ search() }}”.</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .search {
      width: 100%;
    }
    h3 {
      margin: 8px 0 4px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 4px;
    }
    .dish {
      position: relative;
      width: 100%;
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0 8px;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: var(--mat-sys-surface-container-lowest);
      color: inherit;
      font: var(--mat-sys-body-medium);
      text-align: start;
      cursor: pointer;
    }
    .dish:hover:not([aria-disabled='true']) {
      background: var(--mat-sys-surface-container-high);
    }
    .dish:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 1px;
    }
    .dish[aria-disabled='true'] {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .price {
      font: var(--mat-sys-label-large);
    }
    .meta {
      grid-column: 1 / -1;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .off .meta strong {
      color: var(--mat-sys-error);
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MenuPicker {
  readonly items = input.required<readonly MenuItem[]>();
  /** The menu's categories: sections follow their order (the admin's), uncategorised last. */
  readonly categories = input<readonly MenuCategory[]>([]);
  /** While the order is being sent. */
  readonly disabled = input(false);
  /** Quantity already in the order, by menu item id. */
  readonly inOrder = input<ReadonlyMap<string, number>>(new Map());
  /** Units left of each dish (the order page's Add dish, where staff top up a running order). */
  readonly showStock = input(false);
  readonly add = output<MenuItem>();

  protected readonly station = STATION_LABEL;
  protected readonly search = signal('');
  protected readonly sections = computed(() => menuSections(this.items(), this.search(), this.categories()));
  protected readonly reasonOf = unavailableReason;

  protected price(dish: MenuItem): string {
    return formatMoney(dish.priceMinor, dish.currency);
  }

  protected pick(dish: MenuItem): void {
    if (this.disabled() || unavailableReason(dish)) return;
    this.add.emit(dish);
  }

  /** Enter in the search: the first dish that can be ordered (and not the form's submit). */
  protected addFirst(event: Event): void {
    event.preventDefault();
    const first = this.sections()
      .flatMap((section) => section.dishes)
      .find((dish) => !unavailableReason(dish));
    if (first) this.pick(first);
  }
}
