import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { Order } from '@maestro/contracts';
import { orderDestination, orderNumber } from '../../model/order-labels';

/** The plates this screen just sent to the pass, newest first, each one Recall away from the stove. */
@Component({
  selector: 'app-recall-strip',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    <h2 id="recall-title">Recently bumped</h2>
    @if (orders().length) {
      <ul aria-labelledby="recall-title">
        @for (order of orders(); track order.id; let first = $first) {
          <li [attr.data-order-id]="order.id">
            <span class="number">{{ number(order) }}</span>
            <span class="destination">{{ destination(order) }}</span>
            @if (pending().includes(order.id)) {
              <span class="sending" role="status"><mat-progress-spinner diameter="20" mode="indeterminate" aria-hidden="true" />Sending…</span>
            } @else {
              <button mat-stroked-button type="button" [attr.aria-label]="'Recall ' + number(order)" (click)="recall.emit(order)">
                <mat-icon aria-hidden="true">undo</mat-icon>Recall
                @if (first) {
                  <kbd aria-hidden="true">R</kbd>
                }
              </button>
            }
          </li>
        }
      </ul>
    } @else {
      <p class="none">Tickets bumped to Ready show here, to recall one sent by mistake.</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px 16px;
      padding: 10px 16px;
      border-radius: 14px;
      background: var(--kds-panel);
      border: 2px solid var(--kds-ticket-border);
    }
    h2 {
      margin: 0;
      font-size: 20px;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 4px 4px 12px;
      border-radius: 10px;
      background: var(--kds-head);
      font-size: 18px;
    }
    .number {
      font-weight: 700;
      font-size: 20px;
    }
    .destination {
      color: var(--kds-muted);
    }
    button {
      --mat-button-outlined-label-text-color: var(--kds-text);
      --mat-button-outlined-outline-color: var(--kds-muted);
    }
    kbd {
      margin-left: 6px;
      padding: 0 6px;
      border: 1px solid var(--kds-muted);
      border-radius: 4px;
      font: 600 13px/1.4 ui-monospace, monospace;
    }
    .sending {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 0 8px;
      color: var(--kds-muted);
    }
    .none {
      margin: 0;
      color: var(--kds-muted);
      font-size: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecallStrip {
  /** Still READY, newest bump first. */
  readonly orders = input.required<readonly Order[]>();
  /** Ids of the orders with a move on its way. */
  readonly pending = input<readonly string[]>([]);
  readonly recall = output<Order>();

  protected number(order: Order): string {
    return orderNumber(order);
  }

  protected destination(order: Order): string {
    return orderDestination(order);
  }
}
