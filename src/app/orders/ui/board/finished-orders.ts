import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Order } from '@maestro/contracts';
import { formatMoney } from '../../../shared/money';
import { STATUS_LABEL, orderDestination, orderNumber } from '../../model/order-labels';

const STATUS_ICON: Partial<Record<Order['status'], string>> = {
  SERVED: 'check_circle',
  DELIVERED: 'check_circle',
  CANCELLED: 'cancel',
  FAILED: 'error',
};

/**
 * The orders that just left the board, latest first: staff look here for the order they just
 * served, and for why one failed (a declined payment, a dish out of stock) to tell the guest.
 */
@Component({
  selector: 'app-finished-orders',
  imports: [DatePipe, MatIconModule, RouterLink],
  template: `
    @if (orders().length) {
      <ul aria-label="Recently finished orders">
        @for (order of orders(); track order.id) {
          <li [class]="'status-' + order.status.toLowerCase()">
            <mat-icon aria-hidden="true">{{ icon[order.status] }}</mat-icon>
            <a [routerLink]="['/orders', order.id]" [attr.aria-label]="'Open order ' + number(order)">{{ number(order) }}</a>
            <span class="where">{{ destination(order) }}</span>
            <span class="status">{{ label[order.status] }}</span>
            <time [attr.datetime]="order.updatedAt">{{ order.updatedAt | date: 'HH:mm' }}</time>
            <span class="total">{{ money(order) }}</span>
            @if (order.failure; as failure) {
              <span class="why">{{ failure.message }}</span>
            }
          </li>
        }
      </ul>
    } @else {
      <p class="none">No order has finished yet.</p>
    }
  `,
  styles: `
    :host {
      display: block;
      max-height: 220px;
      overflow-y: auto;
      padding: 8px 12px;
      border-radius: 16px;
      background: var(--mat-sys-surface-container);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: grid;
      grid-template-columns: 24px 90px minmax(120px, 1fr) 110px 56px 80px;
      align-items: center;
      column-gap: 12px;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-body-medium);
    }
    li:last-child {
      border-bottom: 0;
    }
    a {
      font-weight: 600;
      color: inherit;
    }
    .where,
    time {
      color: var(--mat-sys-on-surface-variant);
    }
    .total {
      text-align: right;
    }
    .why {
      grid-column: 2 / -1;
      color: var(--mat-sys-error);
    }
    .status-failed mat-icon,
    .status-failed .status {
      color: var(--mat-sys-error);
    }
    .status-served mat-icon,
    .status-delivered mat-icon {
      color: var(--mat-sys-primary);
    }
    .status-cancelled mat-icon {
      color: var(--mat-sys-on-surface-variant);
    }
    .none {
      margin: 4px 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FinishedOrders {
  readonly orders = input.required<readonly Order[]>();
  protected readonly icon = STATUS_ICON;
  protected readonly label = STATUS_LABEL;
  protected readonly number = orderNumber;
  protected readonly destination = orderDestination;
  protected money(order: Order): string {
    return formatMoney(order.totalMinor, order.currency);
  }
}
