import {
  ORDER_TYPES,
  SALES_MONTHS_MAX,
  SALES_ORDERS_PAGE_DEFAULT,
  SALES_ORDERS_PAGE_MAX,
  SALES_ORDER_FILTERS,
  SALES_OUTCOMES,
  SALES_REPORT_MAX_DAYS,
} from '@maestro/contracts';
import { z } from 'zod';
import { DOC_ID } from '../orders/schemas';
import { daysBetween, isCalendarDate, isCalendarMonth } from './sales-calendar';

// Query strings of GET /api/reports/*. Every problem is said in words (400 validation_failed).

const currency = z
  .string({ error: 'currency is required: a three-letter code such as USD' })
  .regex(/^[A-Z]{3}$/, { error: 'currency must be a three-letter code in capitals, such as USD' });

const date = (name: string) =>
  z
    .string({ error: `${name} is required: a date written YYYY-MM-DD` })
    .refine(isCalendarDate, { error: (issue) => `${name} "${String(issue.input)}" is not a date written YYYY-MM-DD` });

// The range checks run only on two real dates (zod runs them even after a field failed).
const twoDates = (query: { from: unknown; to: unknown }): query is { from: string; to: string } =>
  typeof query.from === 'string' && typeof query.to === 'string' && isCalendarDate(query.from) && isCalendarDate(query.to);

/** A from–to range that is in order and not too long (said on the field to change). */
const inRange = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema
    .refine((query) => !twoDates(query) || query.from <= query.to, {
      error: 'from must not be after to: the range is reversed',
      path: ['from'],
    })
    .refine((query) => !twoDates(query) || query.from > query.to || daysBetween(query.from, query.to) <= SALES_REPORT_MAX_DAYS, {
      error: `the range may hold at most ${SALES_REPORT_MAX_DAYS} days; ask for a shorter one`,
      path: ['to'],
    });

export const salesQuery = inRange(z.strictObject({ currency, from: date('from'), to: date('to') }));

const once = (name: string) => `${name} must be given once`;
const pageSizeWords = `pageSize must be a whole number from 1 to ${SALES_ORDERS_PAGE_MAX}`;

/** `GET /api/reports/orders`: the orders behind a figure; one slice (type, dish, station) at most. */
export const salesOrdersQuery = inRange(
  z.strictObject({
    currency,
    from: date('from'),
    to: date('to'),
    outcome: z
      .enum(SALES_OUTCOMES, { error: `outcome must be one of ${SALES_OUTCOMES.join(', ')}` })
      .default('completed'),
    type: z.enum(ORDER_TYPES, { error: `type must be one of ${ORDER_TYPES.join(', ')}` }).optional(),
    dish: z.string({ error: once('dish') }).regex(DOC_ID, { error: 'dish must be a menu item id (letters, digits, - and _)' }).optional(),
    station: z
      .string({ error: once('station') })
      .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'station must be a station name such as grill (small letters)' })
      .optional(),
    pageSize: z.coerce
      .number({ error: pageSizeWords })
      .int({ error: pageSizeWords })
      .min(1, { error: pageSizeWords })
      .max(SALES_ORDERS_PAGE_MAX, { error: pageSizeWords })
      .default(SALES_ORDERS_PAGE_DEFAULT),
    cursor: z.string({ error: once('cursor') }).min(1).max(300, { error: 'cursor is not valid; start again from the first page' }).optional(),
  }),
).refine((query) => SALES_ORDER_FILTERS.filter((name) => query[name] !== undefined).length <= 1, {
  error: `filter by one of ${SALES_ORDER_FILTERS.join(', ')} at a time, as the report's tables do`,
  path: ['type'],
});

export const salesMonthsQuery = z.strictObject({
  currency,
  to: z
    .string({ error: 'to is required: a month written YYYY-MM' })
    .refine(isCalendarMonth, { error: (issue) => `to "${String(issue.input)}" is not a month written YYYY-MM` }),
  months: z.coerce
    .number({ error: `months must be a whole number from 1 to ${SALES_MONTHS_MAX}` })
    .int({ error: `months must be a whole number from 1 to ${SALES_MONTHS_MAX}` })
    .min(1, { error: `months must be a whole number from 1 to ${SALES_MONTHS_MAX}` })
    .max(SALES_MONTHS_MAX, { error: `months must be a whole number from 1 to ${SALES_MONTHS_MAX}` })
    .default(12),
});
