import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { SocketConnectionState } from '../state/orders.actions';

/**
 * The live connection, always visible: a screen that silently stops updating is the complaint we
 * answer. Announced politely to screen readers when it changes.
 */
@Component({
  selector: 'app-connection-badge',
  imports: [MatIconModule, DatePipe],
  template: `
    <span class="badge" [class]="state()" role="status" aria-live="polite">
      @switch (state()) {
        @case ('live') {
          <mat-icon aria-hidden="true">sensors</mat-icon> Live
        }
        @case ('connecting') {
          <mat-icon aria-hidden="true">sync</mat-icon> Connecting…
        }
        @case ('reconnecting') {
          <mat-icon aria-hidden="true">sync_problem</mat-icon> Reconnecting…
        }
        @case ('offline') {
          <mat-icon aria-hidden="true">cloud_off</mat-icon> Offline since {{ since() | date: 'HH:mm' }} · retrying
        }
      }
    </span>
  `,
  styles: `
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 12px;
      border-radius: 16px;
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .live {
      background: color-mix(in srgb, #2e7d32 16%, transparent);
      color: light-dark(#1b5e20, #a5d6a7);
    }
    .connecting,
    .reconnecting {
      background: color-mix(in srgb, #f9a825 22%, transparent);
      color: light-dark(#7a4f00, #ffe082);
    }
    .offline {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionBadge {
  readonly state = input.required<SocketConnectionState>();
  readonly since = input.required<string | null>();
}
