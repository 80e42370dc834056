import type { Role } from './roles';

/** One Firebase Auth account as `GET /api/admin/users` lists it. */
export interface AdminUserSummary {
  uid: string;
  email: string | null;
  displayName: string | null;
  role: Role;
  disabled: boolean;
}

/** `GET /api/admin/users?pageToken=…&pageSize=…`. */
export interface AdminUserList {
  users: AdminUserSummary[];
  /** Pass back as `pageToken` for the next page; absent on the last page. */
  nextPageToken?: string;
}
