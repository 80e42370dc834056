import {
  DELIVERY_ADDRESS_MAX,
  IDEMPOTENCY_KEY_MAX,
  ORDER_CUSTOMER_NAME_MAX,
  ORDER_ITEMS_MAX,
  ORDER_ITEM_NOTES_MAX,
  ORDER_NOTES_MAX,
  ORDER_PAGE_SIZE_DEFAULT,
  ORDER_PAGE_SIZE_MAX,
  ORDER_QUANTITY_MAX,
  ORDER_STATUSES,
  ORDER_TABLE_MAX,
} from '@maestro/contracts';
import { z } from 'zod';

// Request bodies of the orders API. Strict objects: an unknown field is a client bug worth
// reporting, not something to drop silently.

/** Firestore document ids we create or seed: no slashes or dots, and not Firestore's reserved `__x__`. */
export const DOC_ID = /^(?!__.*__$)[A-Za-z0-9_-]{1,128}$/;

const text = (name: string, max: number) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .max(max, { error: `${name} must be at most ${max} characters` });

const required = (name: string, max: number) =>
  text(name, max).min(1, { error: `${name} must not be empty` });

const quantity = z
  .number({ error: 'quantity must be a number' })
  .int({ error: 'quantity must be a whole number' })
  .min(1, { error: 'quantity must be at least 1' })
  .max(ORDER_QUANTITY_MAX, { error: `quantity must be at most ${ORDER_QUANTITY_MAX}` });

const menuItemId = z
  .string({ error: 'menuItemId must be text' })
  .regex(DOC_ID, { error: 'menuItemId must be a menu item id (letters, digits, - and _)' });

export const orderItemBody = z.strictObject({
  menuItemId,
  quantity,
  notes: text('notes', ORDER_ITEM_NOTES_MAX).default(''),
});

const common = {
  customerName: text('customerName', ORDER_CUSTOMER_NAME_MAX).default(''),
  notes: text('notes', ORDER_NOTES_MAX).default(''),
  items: z
    .array(orderItemBody, { error: 'items must be a list' })
    .min(1, { error: 'an order needs at least one item' })
    .max(ORDER_ITEMS_MAX, { error: `an order takes at most ${ORDER_ITEMS_MAX} items` }),
};

const address = z.strictObject({
  street: required('street', DELIVERY_ADDRESS_MAX.street),
  city: required('city', DELIVERY_ADDRESS_MAX.city),
  postalCode: required('postalCode', DELIVERY_ADDRESS_MAX.postalCode),
  instructions: text('instructions', DELIVERY_ADDRESS_MAX.instructions).optional(),
});

export const createOrderBody = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('dine-in'),
      table: required('table', ORDER_TABLE_MAX),
      ...common,
    }),
    z.strictObject({ type: z.literal('takeaway'), ...common }),
    z.strictObject({ type: z.literal('delivery'), address, ...common }),
  ],
  { error: 'type must be dine-in, takeaway or delivery' },
);
export type CreateOrderBody = z.output<typeof createOrderBody>;

export const updateOrderBody = z
  .strictObject({
    customerName: text('customerName', ORDER_CUSTOMER_NAME_MAX).optional(),
    notes: text('notes', ORDER_NOTES_MAX).optional(),
    table: required('table', ORDER_TABLE_MAX).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    error: 'send at least one of customerName, notes, table',
  });

export const updateStatusBody = z.strictObject({
  status: z.enum(ORDER_STATUSES, { error: `status must be one of ${ORDER_STATUSES.join(', ')}` }),
});

export const updateItemBody = z
  .strictObject({
    quantity: quantity.optional(),
    notes: text('notes', ORDER_ITEM_NOTES_MAX).optional(),
  })
  .refine((body) => body.quantity !== undefined || body.notes !== undefined, {
    error: 'send quantity, notes or both',
  });

export const listQuery = z.strictObject({
  status: z
    .union([z.string(), z.array(z.string())], { error: 'status must be text' })
    .transform((value) => [...new Set([value].flat().flatMap((part) => part.split(',')))])
    .pipe(
      z
        .array(
          z.enum(ORDER_STATUSES, {
            error: `each status must be one of ${ORDER_STATUSES.join(', ')}`,
          }),
        )
        .min(1),
    )
    .optional(),
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int({ error: 'pageSize must be a whole number' })
    .min(1, { error: 'pageSize must be at least 1' })
    .max(ORDER_PAGE_SIZE_MAX, { error: `pageSize must be at most ${ORDER_PAGE_SIZE_MAX}` })
    .default(ORDER_PAGE_SIZE_DEFAULT),
  cursor: z.string({ error: 'cursor must be given once' }).min(1).max(300).optional(),
});

/** Printable ASCII, as the IETF draft and the big payment APIs allow. */
export const idempotencyKey = z
  .string()
  .min(1, { error: 'Idempotency-Key must not be empty' })
  .max(IDEMPOTENCY_KEY_MAX, {
    error: `Idempotency-Key must be at most ${IDEMPOTENCY_KEY_MAX} characters`,
  })
  .regex(/^[\x21-\x7e]+$/, { error: 'Idempotency-Key must be printable ASCII without spaces' });
