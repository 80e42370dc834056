import type { RuntimeChecks } from '@ngrx/store';

/** Every NgRx check on: state and actions frozen and serializable (app and specs alike). */
export const STORE_RUNTIME_CHECKS: Partial<RuntimeChecks> = {
  strictStateImmutability: true,
  strictActionImmutability: true,
  strictStateSerializability: true,
  strictActionSerializability: true,
  strictActionTypeUniqueness: true,
};
