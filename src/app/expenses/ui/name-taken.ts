import type { AbstractControl } from '@angular/forms';

/**
 * A name already in use is said on the name field, where it is fixed, not at the top of the form.
 * The error goes as soon as the name is edited (the field's validators run again). True if shown.
 */
export function showNameTaken(name: AbstractControl, refusal: { message: string; code?: string }): boolean {
  if (refusal.code !== 'already-exists') return false;
  name.setErrors({ taken: refusal.message });
  name.markAsTouched();
  return true;
}
