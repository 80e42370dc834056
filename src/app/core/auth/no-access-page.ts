import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import { Session } from './session';

/**
 * For an account that signed in but is not a member (it made itself with the sign-up endpoint, or
 * its access was never granted): says so plainly instead of showing a shell where everything fails.
 */
@Component({
  selector: 'app-no-access-page',
  imports: [MatCardModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    <main class="page">
      <mat-card class="card" appearance="outlined">
        <div class="brand">
          <mat-icon class="brand-mark" aria-hidden="true">lock_person</mat-icon>
          <h1>No access to this workspace</h1>
        </div>
        <p>
          You are signed in as <strong>{{ session.outsider()?.email || 'an account without an email' }}</strong>, but this
          account has no access to this Maestro workspace.
        </p>
        <p>Ask an admin to invite you (Team page), or to give this account access. Then press <em>Check again</em>.</p>
        @if (message(); as text) {
          <p class="message" role="status">{{ text }}</p>
        }
        <div class="actions">
          <button mat-stroked-button type="button" (click)="signOut()">Sign in with another account</button>
          <button mat-flat-button type="button" (click)="checkAgain()" [disabled]="busy()">
            @if (busy()) {
              <mat-spinner diameter="18" aria-label="Checking" />
            } @else {
              Check again
            }
          </button>
        </div>
      </mat-card>
    </main>
  `,
  // The sign-in page's card, so the two doors of the app look alike.
  styleUrl: './sign-in-page.scss',
  styles: `
    .card {
      width: min(480px, 100%);
    }
    .brand h1 {
      font: var(--mat-sys-headline-small);
    }
    .brand-mark {
      color: var(--mat-sys-error);
      transform: none;
    }
    p {
      color: var(--mat-sys-on-surface-variant);
    }
    .message {
      color: var(--mat-sys-on-surface);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoAccessPage {
  protected readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);

  protected async checkAgain(): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      if (await this.session.recheckMembership()) {
        await this.router.navigateByUrl('/orders');
      } else {
        this.message.set('Still no access. An admin must give this account access first.');
      }
    } catch {
      this.message.set('We could not reach the sign-in service. Check the connection and try again.');
    } finally {
      this.busy.set(false);
    }
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut();
    await this.router.navigateByUrl('/sign-in');
  }
}
