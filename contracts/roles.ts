import { KITCHEN_STATIONS } from './admin-users';
import type { KitchenStation } from './orders';

/** A member's role. Admins carry the admin role on top of everything staff may do. */
export type Role = 'staff' | 'admin';
export const ROLES = ['staff', 'admin'] as const satisfies readonly Role[];

export interface UserProfile {
  uid: string;
  email: string;
  displayName: string;
  role: Role;
}

/**
 * The custom claims that make a Firebase account a member of the workspace. Set only by the API
 * (team invite, role changes) and the seed. An account without `role` is nobody, even signed in:
 * anyone can create a Firebase account with the public web key.
 */
export interface MaestroClaims {
  role?: Role;
  /** Kitchen stations a cook works (the kitchen display opens on them). */
  stations?: KitchenStation[];
}

/** The member's role from their token's claims, or null for an account that is not a member. */
export function roleFromClaims(claims: MaestroClaims | Record<string, unknown>): Role | null {
  const role = (claims as Record<string, unknown>)['role'];
  return role === 'staff' || role === 'admin' ? role : null;
}

/** The member's kitchen stations from their token's claims; anything else there is ignored. */
export function stationsFromClaims(claims: MaestroClaims | Record<string, unknown>): KitchenStation[] {
  const stations = (claims as Record<string, unknown>)['stations'];
  if (!Array.isArray(stations)) return [];
  return KITCHEN_STATIONS.filter((station) => stations.includes(station));
}

/** The claims a member carries; other claims an account may have are kept by the caller. */
export function memberClaims(role: Role, stations: readonly KitchenStation[] = []): Required<MaestroClaims> {
  return { role, stations: [...stations] };
}
