import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
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
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [typedBeforeHydration(this.host, 'email'), [Validators.required, Validators.email]],
    password: [typedBeforeHydration(this.host, 'password'), [Validators.required]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly passwordVisible = signal(false);

  protected useDemoAccount(email: string, password: string): void {
    this.form.setValue({ email, password });
    this.error.set(null);
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
 * it over: hydration keeps that DOM, but each form control writes its own starting value into its
 * field as it starts, which would wipe the text. Empty when the page is rendered in the browser.
 */
function typedBeforeHydration(host: HTMLElement, control: string): string {
  return host.querySelector<HTMLInputElement>(`input[formcontrolname="${control}"]`)?.value ?? '';
}

/** Only same-app paths: a crafted link must not send a freshly signed-in user elsewhere. */
export function safeReturnUrl(returnUrl: string | null): string {
  return returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/sign-in')
    ? returnUrl
    : '/orders';
}
