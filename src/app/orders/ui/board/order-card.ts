import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { legalNextStatuses, type Order, type OrderStatus } from '@maestro/contracts';
import { formatMoney } from '../../../shared/money';
import { elapsed, moveLabel, orderDestination, orderNumber } from '../../model/order-labels';
import type { PendingMove } from '../../state/orders.state';

/** Fixed height: the columns scroll virtually, so every card takes the same room. */
export const ORDER_CARD_HEIGHT = 132;

/** One order on the board: who it is for, what is in it, how old, and only the legal next moves; its number opens it. */
@Component({
  selector: 'app-order-card',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, RouterLink],
  template: `
    @let o = order();
    <article class="card" [attr.aria-label]="number() + ', ' + destination()" [class.moving]="pending()">
      <header>
        <a class="number" [routerLink]="['/orders', o.id]" [attr.aria-label]="'Open order ' + number()">{{ number() }}</a>
        <span class="destination">{{ destination() }}</span>
        <span class="age" [attr.title]="'Placed ' + o.createdAt">{{ age() }}</span>
        @if (canCancel() && !pending()) {
          <button mat-icon-button type="button" class="cancel" [attr.aria-label]="'Cancel order ' + number()" (click)="move.emit('CANCELLED')">
            <mat-icon>close</mat-icon>
          </button>
        }
      </header>
      <p class="items">{{ itemsSummary() }}</p>
      <footer>
        <span class="total">{{ total() }}</span>
        <span class="actions">
          @if (pending(); as move) {
            <mat-progress-spinner diameter="20" mode="indeterminate" [attr.aria-label]="'Moving to ' + move.to" />
          } @else {
            @for (to of moves(); track to) {
              <button mat-stroked-button type="button" (click)="move.emit(to)" [attr.aria-label]="label(to) + ' ' + number()">{{ label(to) }}</button>
            }
          }
        </span>
      </footer>
      @if (o.failure) {
        <p class="failure" role="note">{{ o.failure.message }}</p>
      }
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
      padding: 10px 12px;
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
    .destination {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: var(--mat-sys-on-surface-variant);
    }
    .age {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .items {
      margin: 0;
      flex: 1;
      font: var(--mat-sys-body-medium);
      overflow: hidden;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }
    footer {
      display: flex;
      align-items: center;
      justify-content: space-between;
      min-height: 40px;
    }
    .total {
      font: var(--mat-sys-label-large);
    }
    .actions {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .cancel {
      --mat-icon-button-state-layer-size: 32px;
      margin: -6px -8px -6px 0;
      padding: 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .actions button {
      --mat-button-outlined-horizontal-padding: 12px;
      --mat-button-outlined-container-height: 32px;
    }
    .failure {
      margin: 0;
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
  protected readonly total = computed(() => formatMoney(this.order().totalMinor, this.order().currency));
  protected readonly age = computed(() => elapsed(this.order().createdAt, this.now()));
  private readonly legal = computed(() => legalNextStatuses(this.order().status, { type: this.order().type }));
  /** Forward moves as buttons; cancelling is the small ✕ in the corner (it asks first). */
  protected readonly moves = computed(() => this.legal().filter((to) => to !== 'CANCELLED'));
  protected readonly canCancel = computed(() => this.legal().includes('CANCELLED'));
  protected readonly itemsSummary = computed(() =>
    this.order()
      .items.map((item) => `${item.quantity}× ${item.menuItem.name}`)
      .join(', '),
  );
  protected label(to: OrderStatus): string {
    return moveLabel(this.order().status, to);
  }
}
