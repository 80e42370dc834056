import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Session } from './session';

/**
 * Ends the session when the server says it is over (an admin disabled or demoted the account, or
 * a token was refused twice): signs out, goes to the sign-in page and keeps the reason to show
 * there, so the user knows why they are looking at it.
 */
@Injectable({ providedIn: 'root' })
export class SessionEnd {
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly why = signal<string | null>(null);

  /** Why the last session ended, until the next sign-in: the server's words, else Firebase's (Session). */
  readonly reason = computed(() => this.why() ?? this.session.endedReason());

  async end(reason: string | null): Promise<void> {
    this.why.set(reason);
    await this.session.signOut();
    const returnUrl = this.router.url.startsWith('/sign-in') ? undefined : this.router.url;
    await this.router.navigate(['/sign-in'], { queryParams: returnUrl ? { returnUrl } : {} });
  }

  clear(): void {
    this.why.set(null);
    this.session.clearEndedReason();
  }
}
