import type { ApiErrorCode } from './api-error';
import type { KitchenStation } from './orders';
import type { Role } from './roles';

/** One Firebase Auth account as `GET /api/admin/users` lists it. */
export interface AdminUserSummary {
  uid: string;
  email: string | null;
  displayName: string | null;
  /** Null for an account that is not a member (signed up on its own): it can do nothing. */
  role: Role | null;
  disabled: boolean;
  /** Kitchen stations from the custom claims; absent when none are assigned. */
  stations?: KitchenStation[];
  /** Invited, no password chosen yet (the invite link not used): true, else absent. */
  invitePending?: true;
}

/** `GET /api/admin/users?pageToken=…&pageSize=…`. */
export interface AdminUserList {
  users: AdminUserSummary[];
  /** Pass back as `pageToken` for the next page; absent on the last page. */
  nextPageToken?: string;
}

// ── Team onboarding (admin-only writes; the SPA's OnboardingWorkflow runs them in order) ──

/** Every kitchen station an admin may assign, in display order. */
export const KITCHEN_STATIONS = ['grill', 'fry', 'cold', 'pastry', 'bar'] as const satisfies readonly KitchenStation[];

/** `POST /api/admin/users`: creates the Auth account (no password) and its role claims. */
export interface CreateTeamMemberRequest {
  email: string;
  displayName: string;
  role: Role;
  stations?: KitchenStation[];
}

/**
 * The SPA page (`/welcome?oobCode=…`) where an invited member chooses a password: the invite's
 * `signInLink` points there, on the origin the admin invited from.
 */
export const WELCOME_PAGE_PATH = 'welcome';

/** 201 answer: the new account and the link (to WELCOME_PAGE_PATH) the admin sends to set a password. */
export interface CreateTeamMemberResponse {
  user: AdminUserSummary;
  signInLink: string;
}

/** `PATCH /api/admin/users/:uid`: at least one field. */
export interface UpdateTeamMemberRequest {
  role?: Role;
  disabled?: boolean;
  stations?: KitchenStation[];
}

/** `PUT /api/admin/users/:uid/profile`: the profile document `users/{uid}` an admin writes for a new member. */
export interface TeamProfileRequest {
  displayName: string;
  role: Role;
  stations: KitchenStation[];
}

/** `POST /api/admin/users/:uid/notifications`: the welcome notification (`notifications/{id}`). */
export interface WelcomeNotificationResponse {
  id: string;
}

/** Team-route error codes beyond the shared ones (the API sends them as `error.code`). */
export type TeamErrorCode = Extract<ApiErrorCode, 'email_taken' | 'self_protected' | 'already_joined' | 'member_disabled'>;

/**
 * `POST /api/admin/users/:uid/invite-link`: a new one-time link to choose a password, for a member
 * who has not chosen one yet (the first link expired or got lost). 409 `already_joined` once a
 * password is set, `member_disabled` while the account is disabled. Earlier links are not revoked
 * (Firebase cannot take back one code): each works until it expires (an hour) or is used.
 */
export interface InviteLinkResponse {
  signInLink: string;
}

/** The action of the onboarding's activity entry (written by the API: clients never log about users). */
export const TEAM_MEMBER_ONBOARDED = 'TEAM_MEMBER_ONBOARDED';
/** An admin made a new invite link (a way to set the member's password): logged by the API each time. */
export const TEAM_INVITE_LINK_SENT = 'TEAM_INVITE_LINK_SENT';

/** `POST /api/admin/users/:uid/onboarded`: appends `activity/onboarded-{uid}` once; 201, or 200 when already there. */
export interface OnboardedEntryRequest {
  correlationId: string;
}

/** Where the onboarding entry of a member is: one per member, so a retried call writes nothing new. */
export const onboardedEntryId = (uid: string): string => `onboarded-${uid}`;
