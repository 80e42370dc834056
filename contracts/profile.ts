import type { Role } from './roles';

/** Longest display name the API accepts (after trimming); the SPA uses it for its form too. */
export const DISPLAY_NAME_MAX_LENGTH = 80;

/** The profile stored in Firestore at `users/{uid}`, as the API returns it. */
export interface StoredProfile {
  displayName: string;
  /** ISO 8601; null while a server timestamp is still pending. */
  updatedAt: string | null;
}

/** `GET /api/me`: who the API thinks the caller is, from the verified ID token. */
export interface MeResponse {
  uid: string;
  email: string | null;
  role: Role;
  /** Null until the user saves a profile. */
  profile: StoredProfile | null;
}

/** `PUT /api/me/profile` body; answered with the saved `StoredProfile`. */
export interface UpdateProfileRequest {
  displayName: string;
}
