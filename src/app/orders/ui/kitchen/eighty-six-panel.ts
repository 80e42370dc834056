import { ChangeDetectionStrategy, Component, afterNextRender, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatSnackBar } from '@angular/material/snack-bar';
import { applyMenuItemEvent, type KitchenStation, type MenuItem } from '@maestro/contracts';
import { EventRequests } from '../../../core/events/event-requests';
import { MenuLive } from '../../../core/realtime/menu-live';
import { OrderOrchestrator } from '../../orchestrator/order-orchestrator';

/**
 * 86 a dish from the kitchen: what is off now (with Back on), and a list to take a dish off, for
 * the stations shown. Through the API (the menu's route lets staff change availability only),
 * audited there; the New order dialogs follow at once. Undo in the snackbar puts it back.
 */
@Component({
  selector: 'app-eighty-six-panel',
  template: `
    <h2 id="eighty-six-title">86</h2>
    @if (error(); as message) {
      <p class="problem" role="alert">{{ message }}</p>
    }
    @if (off().length) {
      <ul aria-labelledby="eighty-six-title">
        @for (dish of off(); track dish.id) {
          <li>
            <span class="name">{{ dish.name }}</span>
            <button type="button" class="kds-button" (click)="setAvailable(dish, true)" [disabled]="busy() === dish.id" [attr.aria-label]="'Back on: ' + dish.name">Back on</button>
          </li>
        }
      </ul>
    } @else {
      <p class="none">Nothing is 86’d.</p>
    }
    <button type="button" class="kds-button wide" (click)="choosing.set(!choosing())" [attr.aria-expanded]="choosing()">
      {{ choosing() ? 'Done' : '86 a dish…' }}
    </button>
    @if (choosing()) {
      <ul class="choices" aria-label="Dishes to 86">
        @for (dish of on(); track dish.id) {
          <li>
            <span class="name">{{ dish.name }}</span>
            <button type="button" class="kds-button danger" (click)="setAvailable(dish, false)" [disabled]="busy() === dish.id" [attr.aria-label]="'86 ' + dish.name">86</button>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: 12px;
      padding: 12px 16px;
      border-radius: 14px;
      background: var(--kds-panel);
      border: 2px solid var(--kds-ticket-border);
    }
    h2 {
      margin: 0 0 8px;
      font-size: 22px;
    }
    ul {
      list-style: none;
      margin: 0 0 8px;
      padding: 0;
    }
    li {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 4px 0;
      font-size: 18px;
      border-bottom: 1px solid var(--kds-ticket-border);
    }
    .choices {
      margin-top: 8px;
      max-height: 40vh;
      overflow-y: auto;
    }
    .name {
      min-width: 0;
    }
    /* A long dish name wraps; the button beside it stays whole. */
    .kds-button {
      flex: none;
      white-space: nowrap;
      min-height: 40px;
      padding: 4px 12px;
      border-radius: 10px;
      border: 2px solid var(--kds-ticket-border);
      background: transparent;
      color: inherit;
      font: inherit;
      font-size: 16px;
      cursor: pointer;
    }
    .kds-button:focus-visible {
      outline: 3px solid var(--kds-qty);
    }
    .danger {
      border-color: #ef5350;
    }
    .wide {
      width: 100%;
    }
    .none,
    .problem {
      margin: 0 0 8px;
      color: var(--kds-muted);
      font-size: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EightySixPanel {
  /** The stations shown; empty for all. */
  readonly stations = input<readonly KitchenStation[]>([]);
  private readonly facade = inject(OrderOrchestrator);
  private readonly requests = inject(EventRequests);
  private readonly snackBar = inject(MatSnackBar);
  private readonly menu = signal<readonly MenuItem[]>([]);
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly choosing = signal(false);
  private readonly shown = computed(() => {
    const stations = this.stations();
    return this.menu()
      .filter((dish) => stations.length === 0 || stations.includes(dish.station))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
  protected readonly off = computed(() => this.shown().filter((dish) => !dish.available));
  protected readonly on = computed(() => this.shown().filter((dish) => dish.available));

  constructor() {
    const live = inject(MenuLive);
    live.events$.pipe(takeUntilDestroyed()).subscribe((event) => {
      if (event.name === 'menu-item:created' || event.name === 'menu-item:updated')
        this.menu.set(applyMenuItemEvent(this.menu(), event.payload.menuItem, { orderable: true }));
    });
    live.resync$.pipe(takeUntilDestroyed()).subscribe(() => void this.load());
    // In the browser only: the build renders the kitchen as a shell and asks no API for anything.
    afterNextRender(() => void this.load());
  }

  private async load(): Promise<void> {
    try {
      this.menu.set(await this.facade.listMenu());
      this.error.set(null);
    } catch (error) {
      this.error.set(`The menu could not be loaded. ${error instanceof Error ? error.message : ''}`.trim());
    }
  }

  protected async setAvailable(dish: MenuItem, available: boolean, undoing = false): Promise<void> {
    this.busy.set(dish.id);
    const outcome = await this.requests.send(
      'MENU_CHANGE_REQUESTED',
      { change: { kind: 'updateItem', menuItemId: dish.id, patch: { available } } },
      'MENU_CHANGED',
    );
    this.busy.set(null);
    if (!outcome.ok) {
      this.error.set(outcome.message);
      return;
    }
    this.error.set(null);
    const result = outcome.event.payload.result;
    if (result.kind === 'item') this.menu.set(applyMenuItemEvent(this.menu(), result.menuItem, { orderable: true }));
    if (undoing) return;
    const ref = this.snackBar.open(available ? `${dish.name} is back on.` : `${dish.name} is 86’d: no new orders take it.`, 'Undo', { duration: 8000 });
    ref.onAction().subscribe(() => void this.setAvailable(dish, !available, true));
  }
}
