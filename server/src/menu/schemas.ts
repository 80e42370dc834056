import {
  KITCHEN_STATIONS,
  MENU_CATEGORIES_MAX,
  MENU_CATEGORY_NAME_MAX,
  MENU_NAME_MAX,
  MENU_PRICE_MAX_MINOR,
  MENU_STOCK_MAX,
  MENU_STOCK_REASON_MAX,
  ORDER_TYPES,
  RATE_BASIS_POINTS_MAX,
} from '@maestro/contracts';
import { z } from 'zod';
import { DOC_ID } from '../orders/schemas';

// Request bodies of the menu routes. Strict objects, as the orders API: an unknown field is a
// client bug worth reporting, not something to drop silently.

const name = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .transform((value) => value.replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, { error: `${label} must not be empty` })
        .max(max, { error: `${label} must be at most ${max} characters` }),
    );

const id = (label: string) =>
  z.string({ error: `${label} must be text` }).regex(DOC_ID, { error: `${label} must be an id (letters, digits, - and _)` });

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .min(min, { error: `${label} must be at least ${min}` })
    .max(max, { error: `${label} must be at most ${max}` });

const rate = (label: string) => whole(label, 0, RATE_BASIS_POINTS_MAX);

const itemFields = {
  name: name('name', MENU_NAME_MAX),
  categoryId: id('categoryId'),
  station: z.enum(KITCHEN_STATIONS, { error: `station must be one of ${KITCHEN_STATIONS.join(', ')}` }),
  priceMinor: whole('priceMinor', 0, MENU_PRICE_MAX_MINOR),
  currency: z
    .string({ error: 'currency must be text' })
    .regex(/^[A-Z]{3}$/, { error: 'currency must be an ISO 4217 code such as USD' }),
  available: z.boolean({ error: 'available must be true or false' }),
};

export const menuItemDraftBody = z.strictObject({
  ...itemFields,
  stock: whole('stock', 0, MENU_STOCK_MAX).default(0),
});

export const menuItemPatchBody = z
  .strictObject({
    ...Object.fromEntries(Object.entries(itemFields).map(([key, schema]) => [key, schema.optional()])),
    archived: z.boolean({ error: 'archived must be true or false' }).optional(),
  } as { [K in keyof typeof itemFields]: z.ZodOptional<(typeof itemFields)[K]> } & {
    archived: z.ZodOptional<z.ZodBoolean>;
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: 'send at least one field to change',
  });
export type MenuItemPatchBody = z.output<typeof menuItemPatchBody>;

export const stockAdjustmentBody = z.strictObject({
  change: whole('change', -MENU_STOCK_MAX, MENU_STOCK_MAX).refine((value) => value !== 0, {
    error: 'change must not be 0',
  }),
  reason: name('reason', MENU_STOCK_REASON_MAX),
});

export const categoryDraftBody = z.strictObject({
  name: name('name', MENU_CATEGORY_NAME_MAX),
  taxRateBasisPoints: rate('taxRateBasisPoints'),
  taxInclusive: z.boolean({ error: 'taxInclusive must be true or false' }),
});

export const categoryPatchBody = categoryDraftBody
  .partial()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: 'send name, taxRateBasisPoints or taxInclusive',
  });

export const categoryOrderBody = z.strictObject({
  categoryIds: z
    .array(id('each category id'), { error: 'categoryIds must be a list' })
    .min(1, { error: 'categoryIds must name every category' })
    .max(MENU_CATEGORIES_MAX, { error: `there are at most ${MENU_CATEGORIES_MAX} categories` })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'categoryIds must not repeat an id' }),
});

export const serviceChargeBody = z.strictObject({
  serviceRateBasisPoints: z.strictObject(
    Object.fromEntries(ORDER_TYPES.map((type) => [type, rate(`the ${type} rate`)])) as Record<
      (typeof ORDER_TYPES)[number],
      ReturnType<typeof rate>
    >,
  ),
});
