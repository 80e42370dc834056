import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router } from '@angular/router';
import { APP_ENVIRONMENT } from '../config/app-environment';
import { SessionEnd } from './session-end';
import { Session, SignInError } from './session';

/** `eventPhase` of an event Angular replays after hydration (`EventPhase.REPLAY` of its event-dispatch primitives). */
const REPLAYED_EVENT = 101;

/** Email and password sign-in; after it, back to the page the user asked for. */
@Component({
  selector: 'app-sign-in-page',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
  ],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly sessionEnd = inject(SessionEnd);
  /** Why the user is back here (their session was ended by an administrator), when it was. */
  protected readonly endedReason = this.sessionEnd.reason;
  protected readonly demoAccounts = inject(APP_ENVIRONMENT).demoAccounts;

  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly typed = new TypedBeforeHydration(this.host);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [this.typed.value('email'), [Validators.required, Validators.email]],
    password: [this.typed.value('password'), [Validators.required]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly passwordVisible = signal(false);

  constructor() {
    afterNextRender(() => this.typed.restoreInto(this.form.controls));
  }

  protected useDemoAccount(email: string, password: string): void {
    this.form.setValue({ email, password });
    this.error.set(null);
  }

  protected onSubmit(event: Event): void {
    // A submit before the app took the page over is replayed after it, when the browser's own
    // submission was long since stopped (and preventDefault would throw).
    if (event.eventPhase !== REPLAYED_EVENT) event.preventDefault();
    // Submitted before the first render (while the prerendered page is taken over): the controls
    // take what was typed first.
    this.typed.restoreInto(this.form.controls);
    void this.submit();
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { email, password } = this.form.getRawValue();
    try {
      const member = await this.session.signIn(email, password);
      this.sessionEnd.clear();
      await this.router.navigateByUrl(member ? safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')) : '/no-access');
    } catch (error) {
      this.error.set(error instanceof SignInError ? error.message : 'Signing in failed. Try again.');
      this.form.controls.password.reset();
    } finally {
      this.busy.set(false);
    }
  }
}

/**
 * What was typed into the prerendered page (angular.json: production builds) before the app took
 * it over: hydration keeps that DOM, but each form control writes its starting value into its
 * field when it first renders, which would wipe text typed after the control was made. So the
 * fields' values are read when the page is made and followed until its first render, then given
 * back to the controls; the events typed before hydration are replayed after that (event replay),
 * on the restored text. Nothing to read when the page is rendered in the browser.
 */
class TypedBeforeHydration {
  private readonly latest = new Map<string, string>();
  private restored = false;
  private readonly follow = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const name = input.getAttribute?.('name');
    if (name) this.latest.set(name, input.value);
  };

  constructor(private readonly host: HTMLElement) {
    for (const input of Array.from(host.querySelectorAll<HTMLInputElement>('input[name]'))) this.latest.set(input.name, input.value);
    host.addEventListener('input', this.follow, true);
  }

  value(control: string): string {
    return this.latest.get(control) ?? '';
  }

  /**
   * Text typed between the page's making and its first render, back in its control: once, at the
   * first render or at a submit before it, whichever comes first (later edits are the user's).
   */
  restoreInto(controls: Record<string, { value: string; setValue(value: string): void }>): void {
    if (this.restored) return;
    this.restored = true;
    this.host.removeEventListener('input', this.follow, true);
    for (const [name, value] of this.latest) if (value && controls[name] && controls[name].value !== value) controls[name].setValue(value);
  }
}

/** Only same-app paths: a crafted link must not send a freshly signed-in user elsewhere. */
export function safeReturnUrl(returnUrl: string | null): string {
  return returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/sign-in')
    ? returnUrl
    : '/orders';
}
