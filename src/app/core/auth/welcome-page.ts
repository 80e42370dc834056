import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  type OnInit,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { confirmPasswordReset, verifyPasswordResetCode } from 'firebase/auth';
import { firebaseAuthLoader } from '../firebase/firebase';
import { Session, SignInError } from './session';
import { SessionEnd } from './session-end';
import { welcomeProblem, type WelcomeProblem } from './welcome-error-message';

/** Firebase accepts 6; a member's password guards the money of a business. */
export const MIN_PASSWORD_LENGTH = 8;

type LinkState =
  | { status: 'checking' }
  | { status: 'ready'; email: string }
  | { status: 'dead'; problem: WelcomeProblem };

/**
 * Where an invite link lands (`/welcome?oobCode=…`): the new member chooses a password, which
 * redeems the link's one-time code, and is signed in.
 */
@Component({
  selector: 'app-welcome-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
  ],
  templateUrl: './welcome-page.html',
  styleUrls: ['./sign-in-page.scss', './welcome-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WelcomePage implements OnInit {
  private readonly loadAuth = firebaseAuthLoader();
  private readonly session = inject(Session);
  private readonly sessionEnd = inject(SessionEnd);
  private readonly router = inject(Router);
  private readonly code = inject(ActivatedRoute).snapshot.queryParamMap.get('oobCode');

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly link = signal<LinkState>({ status: 'checking' });
  protected readonly email = computed(() => {
    const link = this.link();
    return link.status === 'ready' ? link.email : null;
  });
  protected readonly deadLink = computed(() => {
    const link = this.link();
    return link.status === 'dead' ? link.problem.message : null;
  });
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
      confirm: ['', [Validators.required]],
    },
    { validators: passwordsMatch },
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly passwordVisible = signal(false);

  async ngOnInit(): Promise<void> {
    if (!this.code) {
      this.link.set({
        status: 'dead',
        problem: {
          linkDead: true,
          message:
            'This link has no invite code. Open the whole link you were sent, or ask the admin who invited you for a new one.',
        },
      });
      return;
    }
    try {
      this.link.set({
        status: 'ready',
        email: await verifyPasswordResetCode(await this.loadAuth(), this.code),
      });
    } catch (error) {
      this.showProblem(error);
    }
  }

  protected async submit(): Promise<void> {
    const link = this.link();
    if (this.busy() || link.status !== 'ready' || !this.code) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { password } = this.form.getRawValue();
    try {
      await confirmPasswordReset(await this.loadAuth(), this.code, password);
    } catch (error) {
      this.showProblem(error);
      this.busy.set(false);
      return;
    }
    try {
      const member = await this.session.signIn(link.email, password);
      this.sessionEnd.clear();
      await this.router.navigateByUrl(member ? '/orders' : '/no-access');
    } catch (error) {
      // The password is set; only the sign-in after it failed.
      const why = error instanceof SignInError ? error.message : 'Signing in failed.';
      this.link.set({
        status: 'dead',
        problem: {
          linkDead: true,
          message: `Your password is set, but signing in failed: ${why} Sign in with your new password.`,
        },
      });
    } finally {
      this.busy.set(false);
    }
  }

  private showProblem(error: unknown): void {
    const problem = welcomeProblem(error);
    if (problem.linkDead) this.link.set({ status: 'dead', problem });
    else this.error.set(problem.message);
  }
}

function passwordsMatch(group: AbstractControl): ValidationErrors | null {
  const confirm = group.get('confirm');
  const mismatch = !!confirm?.value && confirm.value !== group.get('password')?.value;
  confirm?.setErrors(
    mismatch ? { ...confirm.errors, mismatch: true } : withoutMismatch(confirm.errors),
  );
  return null;
}

function withoutMismatch(errors: ValidationErrors | null | undefined): ValidationErrors | null {
  if (!errors) return null;
  const { mismatch: _mismatch, ...rest } = errors;
  return Object.keys(rest).length ? rest : null;
}
