import { Injectable, inject } from '@angular/core';
import type { CreateTeamMemberRequest, CreateTeamMemberResponse } from '@maestro/contracts';
import type { OperationError, OperationResult } from '../../core/orchestration/operation-result';
import type { ExecuteOptions } from '../../core/orchestration/service-orchestrator';
import { SERVICE_ORCHESTRATOR } from '../../core/orchestration/service-orchestrator.provider';
import { ID_GENERATOR } from '../../core/time/clock';
import { ONBOARDING_STEPS } from './onboarding-steps';

export type OnboardingStep = 'create-account' | 'write-profile' | 'welcome-notification' | 'activity-entry';

export const ONBOARDING_STEP_LABELS: Record<OnboardingStep, string> = {
  'create-account': 'create the account',
  'write-profile': 'save the profile',
  'welcome-notification': 'post the welcome notification',
  'activity-entry': 'record the activity entry',
};

export interface UndoOutcome {
  step: OnboardingStep;
  undone: boolean;
  error?: OperationError;
}

export interface OnboardingFailureDetails {
  failedStep: OnboardingStep;
  /** Undos in the order they ran (reverse of the steps). */
  undo: UndoOutcome[];
  /** True when every earlier step was undone: nothing is left half-created. */
  cleanedUp: boolean;
}

export type OnboardingResult = OperationResult<CreateTeamMemberResponse, OnboardingFailureDetails>;

const TEAM_API = 'Team API';
// Creating and posting are not idempotent (a retry after a lost answer would make a second one).
const ONCE: ExecuteOptions = { retryAttempts: 0 };
// Saving the profile (a PUT) and every undo (DELETE) may safely run twice.
const IDEMPOTENT: ExecuteOptions = { retryAttempts: 2 };

/**
 * Onboards a team member in four steps through the ServiceOrchestrator: create the Auth
 * account, save the profile, post a welcome notification, record the activity entry. When a
 * step fails, the steps before it are undone in reverse, so no half-created member remains,
 * and the result names the failed step, its reason and whether the undo succeeded.
 */
@Injectable({ providedIn: 'root' })
export class OnboardingWorkflow {
  private readonly orchestrator = inject(SERVICE_ORCHESTRATOR);
  private readonly steps = inject(ONBOARDING_STEPS);
  private readonly newId = inject(ID_GENERATOR);

  async onboard(request: CreateTeamMemberRequest): Promise<OnboardingResult> {
    const startedAt = Date.now();
    const undos: { step: OnboardingStep; service: string; run: () => Promise<void> }[] = [];
    const fail = async (step: OnboardingStep, error: OperationError): Promise<OnboardingResult> => {
      const undo: UndoOutcome[] = [];
      for (const { step: undoStep, service, run } of undos.reverse()) {
        const result = await this.orchestrator.execute(service, () => run(), IDEMPOTENT);
        undo.push(result.success ? { step: undoStep, undone: true } : { step: undoStep, undone: false, error: result.error });
      }
      const cleanedUp = undo.every((outcome) => outcome.undone);
      return {
        success: false,
        error: { ...error, message: failureMessage(step, error, undo) },
        duration: Date.now() - startedAt,
        details: { failedStep: step, undo, cleanedUp },
        serviceErrors: { [step]: error },
      };
    };

    const created = await this.orchestrator.execute(TEAM_API, () => this.steps.createAccount(request), ONCE);
    if (!created.success) return fail('create-account', created.error);
    const { uid } = created.data.user;
    undos.push({ step: 'create-account', service: TEAM_API, run: () => this.steps.deleteAccount(uid) });

    const profile = { displayName: request.displayName, role: request.role, stations: request.stations ?? [] };
    const saved = await this.orchestrator.execute(TEAM_API, () => this.steps.writeProfile(uid, profile), IDEMPOTENT);
    if (!saved.success) return fail('write-profile', saved.error);
    undos.push({ step: 'write-profile', service: TEAM_API, run: () => this.steps.deleteProfile(uid) });

    const welcome = await this.orchestrator.execute(TEAM_API, () => this.steps.postWelcome(uid), ONCE);
    if (!welcome.success) return fail('welcome-notification', welcome.error);
    const notificationId = welcome.data;
    undos.push({ step: 'welcome-notification', service: TEAM_API, run: () => this.steps.deleteWelcome(uid, notificationId) });

    const correlationId = this.newId();
    // Idempotent: the API keeps one onboarding entry per member, so a retry cannot log twice.
    const logged = await this.orchestrator.execute(TEAM_API, () => this.steps.recordActivity(created.data.user, correlationId), IDEMPOTENT);
    if (!logged.success) return fail('activity-entry', logged.error);

    return { success: true, data: created.data, duration: Date.now() - startedAt };
  }
}

function failureMessage(step: OnboardingStep, error: OperationError, undo: readonly UndoOutcome[]): string {
  const reason = `Could not ${ONBOARDING_STEP_LABELS[step]}: ${error.message}`;
  if (undo.length === 0) return reason;
  const leftOver = undo.filter((outcome) => !outcome.undone);
  if (leftOver.length === 0) return `${reason} Nothing was kept: the earlier steps were undone.`;
  const what = leftOver.map((outcome) => ONBOARDING_STEP_LABELS[outcome.step].replace(/^\w+ /, '')).join(', ');
  return `${reason} Undoing failed for: ${what}. Remove them from the team list, or try the invite again later.`;
}
