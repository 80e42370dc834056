import { ChangeDetectionStrategy, Component, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { KITCHEN_SHORTCUTS } from './kitchen-keys';

/** The "?" overlay: every key the kitchen screen answers to. */
@Component({
  selector: 'app-shortcuts-help',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="panel" role="dialog" aria-modal="false" aria-labelledby="shortcuts-title">
      <header>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button mat-icon-button type="button" aria-label="Close shortcuts" (click)="closed.emit()"><mat-icon>close</mat-icon></button>
      </header>
      <dl>
        @for (shortcut of shortcuts; track shortcut.action) {
          <div class="row">
            <dt>
              @for (key of shortcut.keys; track key) {
                <kbd>{{ key }}</kbd>
              }
            </dt>
            <dd>{{ shortcut.action }}</dd>
          </div>
        }
      </dl>
      <p class="note">Keys do nothing while you type in a field.</p>
    </div>
  `,
  styles: `
    .panel {
      width: min(560px, calc(100vw - 32px));
      padding: 16px 24px 20px;
      border-radius: 16px;
      background: var(--kds-panel);
      border: 2px solid var(--kds-ticket-border);
      box-shadow: 0 12px 32px rgb(0 0 0 / 60%);
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    h2 {
      margin: 0;
      font-size: 24px;
    }
    dl {
      margin: 8px 0 0;
    }
    .row {
      display: grid;
      grid-template-columns: 200px 1fr;
      gap: 12px;
      align-items: center;
      padding: 6px 0;
      border-bottom: 1px solid var(--kds-ticket-border);
    }
    dt {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    dd {
      margin: 0;
      font-size: 18px;
    }
    kbd {
      min-width: 1.6em;
      padding: 2px 8px;
      border-radius: 6px;
      border: 1px solid var(--kds-muted);
      background: var(--kds-head);
      font: 600 16px/1.4 ui-monospace, monospace;
      text-align: center;
    }
    .note {
      margin: 12px 0 0;
      color: var(--kds-muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShortcutsHelp {
  protected readonly shortcuts = KITCHEN_SHORTCUTS;
  readonly closed = output<void>();
}
