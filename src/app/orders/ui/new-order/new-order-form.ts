// The new-order form: typed controls with the API's own rules (server/src/orders/schemas.ts),
// so the form refuses what the API would. The API trims text before it checks lengths; so do we.
import { FormArray, FormControl, FormGroup, type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import {
  DELIVERY_ADDRESS_MAX,
  ORDER_CUSTOMER_NAME_MAX,
  ORDER_ITEMS_MAX,
  ORDER_ITEM_NOTES_MAX,
  ORDER_NOTES_MAX,
  ORDER_QUANTITY_MAX,
  ORDER_TABLE_MAX,
  type CreateOrderRequest,
  type OrderItemRequest,
  type OrderType,
} from '@maestro/contracts';


export type LineGroup = FormGroup<{
  menuItemId: FormControl<string>;
  quantity: FormControl<number | null>;
  notes: FormControl<string>;
}>;

export type AddressGroup = FormGroup<{
  street: FormControl<string>;
  city: FormControl<string>;
  postalCode: FormControl<string>;
  instructions: FormControl<string>;
}>;

export type NewOrderForm = FormGroup<{
  type: FormControl<OrderType>;
  table: FormControl<string>;
  address: AddressGroup;
  customerName: FormControl<string>;
  notes: FormControl<string>;
  lines: FormArray<LineGroup>;
}>;

const text = (value = '', ...validators: ValidatorFn[]) => new FormControl(value, { nonNullable: true, validators });

/** Blank after trimming counts as empty, as on the API. */
export const requiredText: ValidatorFn = (control) => (String(control.value ?? '').trim() ? null : { required: true });

export function maxText(max: number): ValidatorFn {
  return (control) => {
    const length = String(control.value ?? '').trim().length;
    return length > max ? { maxlength: { requiredLength: max, actualLength: length } } : null;
  };
}

const quantityRule: ValidatorFn = (control) => {
  const value = control.value as number | null;
  if (value === null || (value as unknown) === '') return { required: true };
  if (!Number.isInteger(value)) return { whole: true };
  if (value < 1 || value > ORDER_QUANTITY_MAX) return { range: { min: 1, max: ORDER_QUANTITY_MAX } };
  return null;
};

const linesRule: ValidatorFn = (control) => {
  const count = (control as FormArray).length;
  if (count === 0) return { noLines: true };
  if (count > ORDER_ITEMS_MAX) return { tooManyLines: { max: ORDER_ITEMS_MAX } };
  return null;
};

export function createNewOrderForm(type: OrderType = 'dine-in'): NewOrderForm {
  const form: NewOrderForm = new FormGroup({
    type: new FormControl<OrderType>(type, { nonNullable: true }),
    table: text('', requiredText, maxText(ORDER_TABLE_MAX)),
    address: new FormGroup({
      street: text('', requiredText, maxText(DELIVERY_ADDRESS_MAX.street)),
      city: text('', requiredText, maxText(DELIVERY_ADDRESS_MAX.city)),
      postalCode: text('', requiredText, maxText(DELIVERY_ADDRESS_MAX.postalCode)),
      instructions: text('', maxText(DELIVERY_ADDRESS_MAX.instructions)),
    }),
    customerName: text('', maxText(ORDER_CUSTOMER_NAME_MAX)),
    notes: text('', maxText(ORDER_NOTES_MAX)),
    lines: new FormArray<LineGroup>([], linesRule),
  });
  applyOrderType(form);
  return form;
}

/** Only what the chosen type needs is checked (and sent): a table for dine-in, an address for delivery. */
export function applyOrderType(form: NewOrderForm): void {
  const type = form.controls.type.value;
  const { table, address } = form.controls;
  if (type === 'dine-in') table.enable({ emitEvent: false });
  else table.disable({ emitEvent: false });
  if (type === 'delivery') address.enable({ emitEvent: false });
  else address.disable({ emitEvent: false });
  form.updateValueAndValidity();
}

export function newLine(menuItemId: string, quantity = 1): LineGroup {
  return new FormGroup({
    menuItemId: new FormControl(menuItemId, { nonNullable: true }),
    quantity: new FormControl<number | null>(quantity, { validators: quantityRule }),
    notes: text('', maxText(ORDER_ITEM_NOTES_MAX)),
  });
}

/** The request body, trimmed, with only the fields the type has; optional text left out when blank. */
export function toCreateOrderRequest(form: NewOrderForm): CreateOrderRequest {
  const value = form.getRawValue();
  const items = value.lines.map((line): OrderItemRequest => {
    const notes = line.notes.trim();
    return { menuItemId: line.menuItemId, quantity: line.quantity ?? 1, ...(notes ? { notes } : {}) };
  });
  const customerName = value.customerName.trim();
  const notes = value.notes.trim();
  const common = { ...(customerName ? { customerName } : {}), ...(notes ? { notes } : {}), items };
  switch (value.type) {
    case 'dine-in':
      return { type: 'dine-in', table: value.table.trim(), ...common };
    case 'takeaway':
      return { type: 'takeaway', ...common };
    case 'delivery': {
      const { street, city, postalCode, instructions } = value.address;
      const courier = instructions.trim();
      const address = { street: street.trim(), city: city.trim(), postalCode: postalCode.trim(), ...(courier ? { instructions: courier } : {}) };
      return { type: 'delivery', address, ...common };
    }
  }
}

/** A quantity outside 1…ORDER_QUANTITY_MAX, said with the number typed and the API's limit. */
function quantityRangeProblem(value: unknown): string {
  if (typeof value === 'number' && value > ORDER_QUANTITY_MAX) {
    return `${value.toLocaleString('en-US')} is too many: a line takes at most ${ORDER_QUANTITY_MAX}.`;
  }
  return 'At least 1: remove the dish to leave it out.';
}

/** What is wrong with a control, in words; `what` names it ("the table"). */
export function problemOf(control: AbstractControl, what: string): string | null {
  const errors: ValidationErrors | null = control.errors;
  if (!errors) return null;
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return `Enter ${what}.`;
  if (errors['maxlength']) return `At most ${(errors['maxlength'] as { requiredLength: number }).requiredLength} characters.`;
  if (errors['whole']) return 'A whole number, please.';
  if (errors['range']) return quantityRangeProblem(control.value);
  if (errors['noLines']) return 'Add at least one dish from the menu.';
  if (errors['tooManyLines']) return `An order takes at most ${ORDER_ITEMS_MAX} dishes.`;
  return `Check ${what}.`;
}
