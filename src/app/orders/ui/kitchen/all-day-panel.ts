import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AllDayCount } from '../../state/kitchen-view';

/** "All day": how many of each dish the tickets on screen still need, most first. */
@Component({
  selector: 'app-all-day-panel',
  template: `
    <h2 id="all-day-title">All day @if (scope()) {<span class="scope">· {{ scope() }}</span>}</h2>
    @if (counts(); as list) {
      @if (list.length) {
        <ul aria-labelledby="all-day-title">
          @for (dish of list; track dish.name) {
            <li><span class="count">{{ dish.count }}</span><span class="name">{{ dish.name }}</span></li>
          }
        </ul>
      } @else {
        <p class="none">Nothing to cook.</p>
      }
    } @else {
      <p class="none">Counting…</p>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 12px 16px;
      border-radius: 14px;
      background: var(--kds-panel);
      border: 2px solid var(--kds-ticket-border);
    }
    h2 {
      margin: 0 0 8px;
      font-size: 22px;
    }
    .scope {
      color: var(--kds-muted);
      font-weight: 400;
      text-transform: capitalize;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      align-items: baseline;
      gap: 12px;
      padding: 6px 0;
      font-size: 20px;
      border-bottom: 1px solid var(--kds-ticket-border);
    }
    .count {
      min-width: 2.5ch;
      text-align: right;
      font-size: 26px;
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      color: var(--kds-qty);
    }
    .none {
      margin: 0;
      color: var(--kds-muted);
      font-size: 18px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AllDayPanel {
  /** Null while the tickets are still loading or painting: the tally is not known yet. */
  readonly counts = input.required<readonly AllDayCount[] | null>();
  /** The station shown, or '' for every station. */
  readonly scope = input('');
}
