import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AdminUserList,
  AdminUserSummary,
  CreateTeamMemberRequest,
  CreateTeamMemberResponse,
  InviteLinkResponse,
  OnboardedEntryRequest,
  TeamProfileRequest,
  UpdateTeamMemberRequest,
  WelcomeNotificationResponse,
} from '@maestro/contracts';
import { firstValueFrom } from 'rxjs';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { SILENT_API_ERRORS } from '../../core/http/api-interceptors';

/** The team screens show every error themselves (on a field, in the dialog, on the page): no snackbar too. */
const SHOWN_BY_CALLER = () => new HttpContext().set(SILENT_API_ERRORS, true);

/** The admin-only `/api/admin/users` routes; failures reject with an ApiRequestError. */
@Injectable({ providedIn: 'root' })
export class TeamApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_ENVIRONMENT).apiUrl}/api/admin/users`;

  async list(): Promise<AdminUserSummary[]> {
    const users: AdminUserSummary[] = [];
    let pageToken: string | undefined;
    do {
      const params: Record<string, string> = pageToken ? { pageToken } : {};
      const page = await firstValueFrom(this.http.get<AdminUserList>(this.base, { params, context: SHOWN_BY_CALLER() }));
      users.push(...page.users);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return users;
  }

  create(request: CreateTeamMemberRequest): Promise<CreateTeamMemberResponse> {
    return firstValueFrom(this.http.post<CreateTeamMemberResponse>(this.base, request, { context: SHOWN_BY_CALLER() }));
  }

  update(uid: string, change: UpdateTeamMemberRequest): Promise<AdminUserSummary> {
    return firstValueFrom(this.http.patch<AdminUserSummary>(this.url(uid), change, { context: SHOWN_BY_CALLER() }));
  }

  /** A new invite link for a member who has not chosen a password yet. */
  async newInviteLink(uid: string): Promise<string> {
    const answer = await firstValueFrom(this.http.post<InviteLinkResponse>(`${this.url(uid)}/invite-link`, {}, { context: SHOWN_BY_CALLER() }));
    return answer.signInLink;
  }

  async remove(uid: string): Promise<void> {
    await firstValueFrom(this.http.delete(this.url(uid), { context: SHOWN_BY_CALLER() }));
  }

  async writeProfile(uid: string, profile: TeamProfileRequest): Promise<void> {
    await firstValueFrom(this.http.put(`${this.url(uid)}/profile`, profile, { context: SHOWN_BY_CALLER() }));
  }

  async deleteProfile(uid: string): Promise<void> {
    await firstValueFrom(this.http.delete(`${this.url(uid)}/profile`, { context: SHOWN_BY_CALLER() }));
  }

  async postWelcome(uid: string): Promise<string> {
    const answer = await firstValueFrom(
      this.http.post<WelcomeNotificationResponse>(`${this.url(uid)}/notifications`, {}, { context: SHOWN_BY_CALLER() }),
    );
    return answer.id;
  }

  async deleteWelcome(uid: string, id: string): Promise<void> {
    await firstValueFrom(
      this.http.delete(`${this.url(uid)}/notifications/${encodeURIComponent(id)}`, { context: SHOWN_BY_CALLER() }),
    );
  }

  /** The onboarding's activity entry: the API writes it (clients log only the ledger), once per member. */
  async recordOnboarded(uid: string, correlationId: string): Promise<void> {
    const body: OnboardedEntryRequest = { correlationId };
    await firstValueFrom(this.http.post(`${this.url(uid)}/onboarded`, body, { context: SHOWN_BY_CALLER() }));
  }

  private url(uid: string): string {
    return `${this.base}/${encodeURIComponent(uid)}`;
  }
}
