import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Why a form could not be saved, above its fields; announced to screen readers. */
@Component({
  selector: 'app-form-error',
  imports: [MatIconModule],
  template: `
    @if (message(); as text) {
      <div class="error" role="alert"><mat-icon aria-hidden="true">{{ icon() }}</mat-icon><span>{{ text }}</span></div>
    }
  `,
  styles: `
    .error {
      display: flex;
      gap: 8px;
      padding: 12px;
      margin-bottom: 8px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    /* A long message must not squeeze the icon. */
    mat-icon {
      flex: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormError {
  readonly message = input<string | null>(null);
  /** `cloud_off` when what failed is loading, not saving. */
  readonly icon = input('error');
}
