import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import {
  DISPLAY_NAME_MAX_LENGTH,
  KITCHEN_STATIONS,
  type CreateTeamMemberRequest,
  type KitchenStation,
  type Role,
} from '@maestro/contracts';
import { operationState } from '../../core/orchestration/operation-state';
import { FormError } from '../../shared/ui/form-error';
import { OnboardingWorkflow } from '../orchestrator/onboarding-workflow';

/** Invites a team member: the form, the workflow's progress, then the sign-in link to send. */
@Component({
  selector: 'app-invite-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatCheckboxModule,
    MatProgressBarModule,
    FormError,
  ],
  templateUrl: './invite-dialog.html',
  styleUrl: './invite-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteDialog {
  private readonly workflow = inject(OnboardingWorkflow);
  private readonly dialogRef = inject<MatDialogRef<InviteDialog, boolean>>(MatDialogRef);
  private readonly clipboard = inject(Clipboard);

  protected readonly stations = KITCHEN_STATIONS;
  protected readonly nameMax = DISPLAY_NAME_MAX_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    displayName: ['', [Validators.required, Validators.maxLength(DISPLAY_NAME_MAX_LENGTH)]],
    role: ['staff' as Role],
    stations: [[] as KitchenStation[]],
  });
  /** The onboarding run: loading, the created member (with the link to send), or the failure. */
  private readonly onboarding = operationState((request: CreateTeamMemberRequest) => this.workflow.onboard(request));
  protected readonly saving = this.onboarding.loading;
  protected readonly created = this.onboarding.result;
  /** The failure in words, unless it belongs on the email field (a taken address). */
  protected readonly formError = computed(() => {
    const error = this.onboarding.error();
    return error && error.code !== 'email_taken' ? error.message : null;
  });
  protected readonly copied = signal(false);

  protected hasStation(station: KitchenStation): boolean {
    return this.form.controls.stations.value.includes(station);
  }

  protected toggleStation(station: KitchenStation, checked: boolean): void {
    const current = this.form.controls.stations.value.filter((each) => each !== station);
    this.form.controls.stations.setValue(checked ? [...current, station] : current);
  }

  async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    this.dialogRef.disableClose = true;
    const { email, displayName, role, stations } = this.form.getRawValue();
    const request = { email: email.trim(), displayName: displayName.trim(), role, stations };
    await this.onboarding.run(request);
    this.dialogRef.disableClose = false;
    if (this.onboarding.error()?.code === 'email_taken') {
      // On the field it is about, so the admin sees what to change.
      this.form.controls.email.setErrors({ taken: `${request.email} already has an account.` });
    }
  }

  protected copyLink(link: string): void {
    this.copied.set(this.clipboard.copy(link));
  }

  protected close(): void {
    this.dialogRef.close(this.created() !== null);
  }
}
