import { TestBed } from '@angular/core/testing';
import { ApiRequestError } from '../../core/http/api-error-message';
import { ServiceOrchestrator } from '../../core/orchestration/service-orchestrator';
import { SERVICE_ORCHESTRATOR } from '../../core/orchestration/service-orchestrator.provider';
import { FakeOnboardingSteps } from './fake-onboarding-steps';
import { ONBOARDING_STEPS } from './onboarding-steps';
import { OnboardingWorkflow } from './onboarding-workflow';

const REQUEST = { email: 'ada@example.com', displayName: 'Ada', role: 'staff' as const, stations: ['grill' as const] };

describe('OnboardingWorkflow', () => {
  let steps: FakeOnboardingSteps;
  let workflow: OnboardingWorkflow;

  beforeEach(() => {
    steps = new FakeOnboardingSteps();
    TestBed.configureTestingModule({
      providers: [
        { provide: ONBOARDING_STEPS, useValue: steps },
        // Retries without waiting, so a failing undo is retried and still reported quickly.
        { provide: SERVICE_ORCHESTRATOR, useValue: new ServiceOrchestrator({ retryDelay: 0 }, { sleep: async () => undefined }) },
      ],
    });
    workflow = TestBed.inject(OnboardingWorkflow);
  });

  it('runs the four steps in order and returns the account with its sign-in link', async () => {
    const result = await workflow.onboard(REQUEST);
    expect(result.success).toBeTrue();
    expect(result.data?.user.email).toBe('ada@example.com');
    expect(result.data?.signInLink).toContain('oobCode=');
    expect(steps.calls).toEqual(['createAccount', 'writeProfile', 'postWelcome', 'recordActivity']);
    expect(steps.accounts.size).toBe(1);
    expect(steps.profiles.size).toBe(1);
    expect(steps.notifications.size).toBe(1);
    expect(steps.activity.length).toBe(1);
  });

  const cases = [
    { fail: 'createAccount', step: 'create-account', undos: [] },
    { fail: 'writeProfile', step: 'write-profile', undos: ['deleteAccount'] },
    { fail: 'postWelcome', step: 'welcome-notification', undos: ['deleteProfile', 'deleteAccount'] },
    { fail: 'recordActivity', step: 'activity-entry', undos: ['deleteWelcome', 'deleteProfile', 'deleteAccount'] },
  ] as const;

  for (const { fail, step, undos } of cases) {
    it(`a failure at ${step} undoes the earlier steps in reverse and leaves nothing behind`, async () => {
      steps.failAt(fail, new Error('the service said no'));
      const result = await workflow.onboard(REQUEST);

      expect(result.success).toBeFalse();
      expect(result.details?.failedStep).toBe(step);
      expect(result.details?.cleanedUp).toBeTrue();
      expect(steps.calls.slice(steps.calls.indexOf(fail) + 1)).toEqual([...undos]);
      expect(result.error?.message).toContain('the service said no');
      if (undos.length > 0) expect(result.error?.message).toContain('Nothing was kept');
      expect(steps.isEmpty()).withContext('nothing half-created').toBeTrue();
    });
  }

  it('names the failed step with the API reason (409 email taken) and undoes nothing', async () => {
    steps.failAt('createAccount', new ApiRequestError(409, 'email_taken', 'ada@example.com already has a Maestro account.'));
    const result = await workflow.onboard(REQUEST);
    expect(result.error?.code).toBe('email_taken');
    expect(result.error?.message).toBe('Could not create the account: ada@example.com already has a Maestro account.');
    expect(result.details?.undo).toEqual([]);
    expect(steps.calls).toEqual(['createAccount']);
  });

  it('says when an undo failed too, and which part is left over', async () => {
    steps.failAt('postWelcome').failAt('deleteAccount', new Error('API down'));
    const result = await workflow.onboard(REQUEST);
    expect(result.details?.failedStep).toBe('welcome-notification');
    expect(result.details?.cleanedUp).toBeFalse();
    expect(result.details?.undo.map((outcome) => [outcome.step, outcome.undone])).toEqual([
      ['write-profile', true],
      ['create-account', false],
    ]);
    expect(result.error?.message).toContain('Undoing failed for: the account.');
    expect(steps.accounts.size).toBe(1);
  });
});
