/** Every signed-in user is staff; the custom claim `admin: true` makes an admin. */
export type Role = 'staff' | 'admin';

export interface UserProfile {
  uid: string;
  email: string;
  displayName: string;
  role: Role;
}

/** The Firebase ID token claims the product reads. */
export interface MaestroClaims {
  admin?: boolean;
}

export function roleFromClaims(claims: MaestroClaims | Record<string, unknown>): Role {
  return (claims as MaestroClaims).admin === true ? 'admin' : 'staff';
}
