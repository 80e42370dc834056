import { InjectionToken, inject } from '@angular/core';
import type { AdminUserSummary, CreateTeamMemberRequest, CreateTeamMemberResponse, TeamProfileRequest } from '@maestro/contracts';
import { TeamApi } from '../data/team-api';

/** The calls the OnboardingWorkflow makes, each with its undo; a token so specs can inject failures. */
export interface OnboardingSteps {
  createAccount(request: CreateTeamMemberRequest): Promise<CreateTeamMemberResponse>;
  deleteAccount(uid: string): Promise<void>;
  writeProfile(uid: string, profile: TeamProfileRequest): Promise<void>;
  deleteProfile(uid: string): Promise<void>;
  postWelcome(uid: string): Promise<string>;
  deleteWelcome(uid: string, notificationId: string): Promise<void>;
  recordActivity(member: AdminUserSummary, correlationId: string): Promise<void>;
}

export const ONBOARDING_STEPS = new InjectionToken<OnboardingSteps>('ONBOARDING_STEPS', {
  providedIn: 'root',
  factory: () => {
    const api = inject(TeamApi);
    return {
      createAccount: (request) => api.create(request),
      deleteAccount: (uid) => api.remove(uid),
      writeProfile: (uid, profile) => api.writeProfile(uid, profile),
      deleteProfile: (uid) => api.deleteProfile(uid),
      postWelcome: (uid) => api.postWelcome(uid),
      deleteWelcome: (uid, id) => api.deleteWelcome(uid, id),
      recordActivity: (member, correlationId) => api.recordOnboarded(member.uid, correlationId),
    };
  },
});
