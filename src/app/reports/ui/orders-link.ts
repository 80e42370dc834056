import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SalesOutcome } from '@maestro/contracts';
import { ORDER_LIST_PATH, OUTCOME_WORDS } from '../model/order-list-query';

/**
 * A figure of the sales report that opens the orders behind it (`/reports/orders`), or the figure
 * as plain text when there is nothing behind it (no list, or a count of 0). The link's name says
 * what opens: "3 sold orders, 2 Mar 2026: open the list".
 */
@Component({
  selector: 'app-orders-link',
  imports: [RouterLink],
  template: `
    @if (query(); as q) {
      <a [routerLink]="path" [queryParams]="q" [attr.aria-label]="name()">{{ text() }}</a>
    } @else {
      {{ text() }}
    }
  `,
  // The tables' link colour (report-table.scss) does not reach into this component.
  styles: `
    a {
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrdersLink {
  /** The list's query without the outcome (order-list-query.ts); none: plain text. */
  readonly params = input<Record<string, string> | undefined>();
  readonly outcome = input<SalesOutcome>('completed');
  /** Orders behind the figure: 0 shows no link. */
  readonly count = input.required<number>();
  /** What is shown (the count when not given). */
  readonly label = input<string>();
  /** What the figure is about, for the link's name ("2 Mar 2026", "Dine-in"). */
  readonly about = input.required<string>();
  /** The link's whole name, when the figure is not a count of orders (a quantity sold). */
  readonly linkName = input<string>();

  protected readonly path = ORDER_LIST_PATH;
  protected readonly text = computed(() => this.label() ?? String(this.count()));
  protected readonly query = computed(() => {
    const params = this.params();
    if (!params || this.count() <= 0) return null;
    return this.outcome() === 'completed' ? params : { ...params, outcome: this.outcome() };
  });
  protected readonly name = computed(() => {
    const named = this.linkName();
    if (named) return named;
    const count = this.count();
    return `${this.text()}: ${count} ${OUTCOME_WORDS[this.outcome()]} ${count === 1 ? 'order' : 'orders'}, ${this.about()}. Open the list`;
  });
}
