import type { CreateTeamMemberRequest, CreateTeamMemberResponse } from '@maestro/contracts';
import type { OnboardingSteps } from './onboarding-steps';

type StepName = keyof OnboardingSteps;

/**
 * An in-memory stand-in for the API and Firestore, for specs only: the real services cannot be
 * told to fail at a chosen step, so this fake keeps what each step created (to prove an undo left
 * nothing behind), logs every call in order, and fails the steps a spec names.
 */
export class FakeOnboardingSteps implements OnboardingSteps {
  readonly accounts = new Set<string>();
  readonly profiles = new Set<string>();
  readonly notifications = new Map<string, string>();
  readonly activity: string[] = [];
  readonly calls: StepName[] = [];
  private readonly failures = new Map<StepName, Error>();

  failAt(step: StepName, error: Error = new Error(`${step} broke`)): this {
    this.failures.set(step, error);
    return this;
  }

  isEmpty(): boolean {
    return this.accounts.size + this.profiles.size + this.notifications.size + this.activity.length === 0;
  }

  async createAccount(request: CreateTeamMemberRequest): Promise<CreateTeamMemberResponse> {
    this.enter('createAccount');
    const uid = `uid-${request.email}`;
    this.accounts.add(uid);
    return {
      user: { uid, email: request.email, displayName: request.displayName, role: request.role, disabled: false },
      signInLink: `http://auth.test/reset?oobCode=${uid}`,
    };
  }

  async deleteAccount(uid: string): Promise<void> {
    this.enter('deleteAccount');
    this.accounts.delete(uid);
  }

  async writeProfile(uid: string): Promise<void> {
    this.enter('writeProfile');
    this.profiles.add(uid);
  }

  async deleteProfile(uid: string): Promise<void> {
    this.enter('deleteProfile');
    this.profiles.delete(uid);
  }

  async postWelcome(uid: string): Promise<string> {
    this.enter('postWelcome');
    const id = `note-${uid}`;
    this.notifications.set(id, uid);
    return id;
  }

  async deleteWelcome(_uid: string, id: string): Promise<void> {
    this.enter('deleteWelcome');
    this.notifications.delete(id);
  }

  async recordActivity(member: { uid: string }): Promise<void> {
    this.enter('recordActivity');
    this.activity.push(member.uid);
  }

  private enter(step: StepName): void {
    this.calls.push(step);
    const failure = this.failures.get(step);
    if (failure) throw failure;
  }
}
