import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { OrderStatus, OrderType } from '@maestro/contracts';
import { moveLabel, orderDestination, orderNumber } from '../../model/order-labels';
import type { KitchenTicket } from '../../state/kitchen-view';
import { bumpTarget } from './kitchen-moves';
import { AGE_LEVEL_ICON, AGE_LEVEL_LABEL, ageLevel, ageMs, formatTimer, spokenMinutes, type AgingThresholds } from './ticket-aging';

const TYPE_LABEL: Record<OrderType, { label: string; icon: string }> = {
  'dine-in': { label: 'Dine-in', icon: 'restaurant' },
  takeaway: { label: 'Takeaway', icon: 'shopping_bag' },
  delivery: { label: 'Delivery', icon: 'delivery_dining' },
};

/** The kitchen's words for the two statuses it shows, each with an icon so colour is never the only cue. */
const KITCHEN_STATUS: Partial<Record<OrderStatus, { label: string; icon: string }>> = {
  CONFIRMED: { label: 'Waiting', icon: 'hourglass_top' },
  PREPARING: { label: 'On the stove', icon: 'local_fire_department' },
};

/**
 * One ticket on the kitchen display: what to cook, for whom, and how long it has waited. The host
 * is the article itself, so the page's roving focus moves between tickets directly.
 */
@Component({
  selector: 'app-ticket-card',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  templateUrl: './ticket-card.html',
  styleUrl: './ticket-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'article',
    class: 'ticket',
    '[class.ticket--warning]': "level() === 'warning'",
    '[class.ticket--late]': "level() === 'late'",
    '[class.ticket--new]': 'isNew()',
    '[class.ticket--selected]': 'selected()',
    '[class.ticket--pending]': 'pending()',
    '[attr.tabindex]': 'selected() ? 0 : -1',
    '[attr.aria-label]': 'label()',
    '[attr.data-order-id]': 'ticket().order.id',
    '[attr.data-status]': 'ticket().order.status',
    '[attr.data-level]': 'level()',
    '[attr.data-chimed]': "chimed() ? 'true' : null",
    '(focus)': 'focused.emit()',
  },
})
export class TicketCard {
  readonly ticket = input.required<KitchenTicket>();
  /** The page's one-second clock (epoch ms). */
  readonly now = input.required<number>();
  readonly aging = input.required<AgingThresholds>();
  /** A move of this order is on its way: no second bump until it settles. */
  readonly pending = input(false);
  readonly isNew = input(false);
  readonly chimed = input(false);
  /** The keyboard's current ticket (roving tabindex). */
  readonly selected = input(false);
  /** Whether more than one station is shown: then each line says which station cooks it. */
  readonly showStations = input(true);
  readonly bump = output<void>();
  readonly focused = output<void>();

  protected readonly number = computed(() => orderNumber(this.ticket().order));
  protected readonly destination = computed(() => orderDestination(this.ticket().order));
  protected readonly type = computed(() => TYPE_LABEL[this.ticket().order.type]);
  protected readonly status = computed(() => KITCHEN_STATUS[this.ticket().order.status] ?? null);
  /** Since placed: what the customer has waited, and what turns the ticket yellow and red. */
  private readonly age = computed(() => ageMs(this.ticket().order.createdAt, this.now()));
  protected readonly timer = computed(() => formatTimer(this.age()));
  /** Since the kitchen started it (null while it waits, or for an order started before this was recorded). */
  private readonly cooking = computed(() => {
    const startedAt = this.ticket().order.startedAt;
    return this.ticket().order.status === 'PREPARING' && startedAt ? ageMs(startedAt, this.now()) : null;
  });
  protected readonly startedTimer = computed(() => {
    const ms = this.cooking();
    return ms === null ? null : formatTimer(ms);
  });
  protected readonly level = computed(() => ageLevel(this.age(), this.aging()));
  protected readonly levelLabel = computed(() => AGE_LEVEL_LABEL[this.level()]);
  protected readonly levelIcon = computed(() => AGE_LEVEL_ICON[this.level()]);
  protected readonly label = computed(() => {
    const cooking = this.cooking();
    const started = cooking === null ? '' : `, started ${spokenMinutes(cooking)} ago`;
    return `Order ${this.number()}, ${this.destination()}, ${spokenMinutes(this.age())}${started}`;
  });
  protected readonly bumpTo = computed(() => bumpTarget(this.ticket().order));
  protected readonly bumpLabel = computed(() => {
    const to = this.bumpTo();
    return to ? moveLabel(this.ticket().order.status, to) : '';
  });
  /** Lines of this order that other stations cook (hidden by the station filter). */
  protected readonly otherLines = computed(() => this.ticket().order.items.length - this.ticket().items.length);
}
