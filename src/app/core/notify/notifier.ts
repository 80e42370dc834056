import { Injectable, Injector, inject } from '@angular/core';
import type { MatSnackBar, MatSnackBarConfig } from '@angular/material/snack-bar';
import { LOGGER } from '../logging/logger';

/**
 * Short messages at the bottom of the screen; errors stay until dismissed or replaced.
 *
 * The guards and HTTP interceptors use this from the first screen, but a message is rare: the snack
 * bar (with the CDK overlay, portal and scrolling under it, ~45 kB gzip) loads with the first one
 * instead of with the app. Messages sent while it loads are shown in the order they were sent.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly injector = inject(Injector);
  private readonly log = inject(LOGGER);
  private snackBar?: Promise<MatSnackBar>;

  info(message: string): void {
    void this.open(message, 'OK', { duration: 4000, politeness: 'polite' });
  }

  error(message: string): void {
    void this.open(message, 'Dismiss', { duration: 10000, politeness: 'assertive', panelClass: 'snack-error' });
  }

  private async open(message: string, action: string, config: MatSnackBarConfig): Promise<void> {
    this.snackBar ??= import('@angular/material/snack-bar').then((m) => this.injector.get(m.MatSnackBar));
    try {
      (await this.snackBar).open(message, action, config);
    } catch (error) {
      // The chunk did not arrive (offline after a deploy, say): try again with the next message.
      this.snackBar = undefined;
      this.log.error(`Could not show the message "${message}"`, { error });
    }
  }
}
