import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  legalNextStatuses,
  type Order,
  type OrderItem,
  type OrderStatus,
} from '@maestro/contracts';
import { formatMoney } from '../../../shared/money';
import { elapsed, moveLabel, orderDestination, orderNumber } from '../../model/order-labels';
import type { PendingMove } from '../../state/orders.state';

/** Fixed height: the columns scroll virtually, so every card takes the same room. */
export const ORDER_CARD_HEIGHT = 196;
/** Dish lines a card has room for; past it, the last line becomes "+N more" (to the order's page). */
export const CARD_DISH_LINES = 3;

/** The dishes a card shows in full, and how many it leaves to the order's page. */
export function cardDishes(
  items: readonly OrderItem[],
  room = CARD_DISH_LINES,
): { shown: readonly OrderItem[]; more: number } {
  if (items.length <= room) return { shown: items, more: 0 };
  return { shown: items.slice(0, room - 1), more: items.length - (room - 1) };
}

/** "2× House burger": one dish line (instructions are on the order's page and the kitchen ticket). */
export const dishLine = (item: OrderItem): string => `${item.quantity}× ${item.menuItem.name}`;

/**
 * One order on the board: who it is for, what is in it, how old, and only the legal next moves; its
 * number opens it. Text that does not fit is whole in a tooltip on hover and on keyboard focus.
 */
@Component({
  selector: 'app-order-card',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, MatTooltipModule, RouterLink],
  template: `
    @let o = order();
    <article
      class="card"
      [attr.aria-label]="number() + ', ' + destination()"
      [class.moving]="pending()"
    >
      <header>
        <a
          class="number"
          [routerLink]="['/orders', o.id]"
          [attr.aria-label]="'Open order ' + number() + ', ' + destination()"
          [matTooltip]="destination()"
          matTooltipPosition="above"
          >{{ number() }}</a
        >
        <span class="age" [attr.title]="'Placed ' + o.createdAt">{{ age() }}</span>
        <span class="total">{{ total() }}</span>
        @if (canCancel() && !pending()) {
          <button
            mat-icon-button
            type="button"
            class="cancel"
            [attr.aria-label]="'Cancel order ' + number()"
            (click)="move.emit('CANCELLED')"
          >
            <mat-icon>close</mat-icon>
          </button>
        }
      </header>
      <p class="destination" [attr.title]="destination()">{{ destination() }}</p>
      <ul class="items" [attr.aria-label]="dishCount()">
        @for (item of dishes().shown; track item.id) {
          <li [attr.title]="line(item)">{{ line(item) }}</li>
        }
        @if (dishes().more; as more) {
          <li>
            <a
              class="more"
              [routerLink]="['/orders', o.id]"
              [attr.aria-label]="more + ' more dishes: open order ' + number()"
              >+{{ more }} more</a
            >
          </li>
        }
      </ul>
      <footer>
        @if (o.failure) {
          <span class="failure" role="note" [attr.title]="o.failure.message">{{
            o.failure.message
          }}</span>
        }
        <span class="actions">
          @if (pending(); as move) {
            <mat-progress-spinner
              diameter="20"
              mode="indeterminate"
              [attr.aria-label]="'Moving to ' + move.to"
            />
          } @else {
            @for (to of moves(); track to) {
              <!-- No ripple: the button gives way to the spinner in the very next frame, and the
                   ripple's layout reads came before that paint (issue 21, the move's delay). -->
              <button
                mat-stroked-button
                type="button"
                disableRipple
                (click)="move.emit(to)"
                [attr.aria-label]="label(to) + ' ' + number()"
              >
                {{ label(to) }}
              </button>
            }
          }
        </span>
      </footer>
    </article>
  `,
  styles: `
    :host {
      display: block;
    }
    .card {
      width: 100%;
      box-sizing: border-box;
      height: ${ORDER_CARD_HEIGHT - 8}px;
      margin-bottom: 8px;
      padding: 8px 12px 10px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);
      border: 1px solid var(--mat-sys-outline-variant);
      display: flex;
      flex-direction: column;
      gap: 4px;
      overflow: hidden;
    }
    .card.moving {
      opacity: 0.7;
    }
    header {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 28px;
    }
    .number {
      font: var(--mat-sys-title-small);
      font-variant-numeric: tabular-nums;
      color: inherit;
      text-decoration: none;
    }
    .number:hover,
    .number:focus-visible {
      text-decoration: underline;
    }
    .age {
      flex: 1;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .total {
      font: var(--mat-sys-label-large);
      font-variant-numeric: tabular-nums;
    }
    /* Two lines hold a table, a name or a street of about 60 letters; past that, the tooltips. */
    .destination {
      margin: 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      overflow: hidden;
      overflow-wrap: anywhere;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }
    .items {
      flex: 1;
      min-height: 0;
      margin: 0;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-medium);
    }
    .items li {
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .more {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-primary);
    }
    footer {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 8px;
      min-height: 32px;
    }
    .actions {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .cancel {
      --mat-icon-button-state-layer-size: 32px;
      margin: -4px -8px -4px -4px;
      padding: 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .actions button {
      --mat-button-outlined-horizontal-padding: 12px;
      --mat-button-outlined-container-height: 32px;
    }
    .failure {
      flex: 1;
      min-width: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-error);
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderCard {
  readonly order = input.required<Order>();
  readonly pending = input<PendingMove | null>(null);
  /** Minute ticks from the board, so ages move without a timer per card. */
  readonly now = input.required<number>();
  readonly move = output<OrderStatus>();

  protected readonly number = computed(() => orderNumber(this.order()));
  protected readonly destination = computed(() => orderDestination(this.order()));
  protected readonly total = computed(() =>
    formatMoney(this.order().totalMinor, this.order().currency),
  );
  protected readonly age = computed(() => elapsed(this.order().createdAt, this.now()));
  private readonly legal = computed(() =>
    legalNextStatuses(this.order().status, { type: this.order().type }),
  );
  /** Forward moves as buttons; cancelling is the small ✕ in the corner (it asks first). */
  protected readonly moves = computed(() => this.legal().filter((to) => to !== 'CANCELLED'));
  protected readonly canCancel = computed(() => this.legal().includes('CANCELLED'));
  protected readonly dishes = computed(() => cardDishes(this.order().items));
  protected readonly dishCount = computed(() => {
    const count = this.order().items.length;
    return count === 1 ? '1 dish' : `${count} dishes`;
  });
  protected readonly line = dishLine;
  protected label(to: OrderStatus): string {
    return moveLabel(this.order().status, to);
  }
}
