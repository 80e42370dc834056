import { SALES_MONTHS_MAX, SALES_REPORT_MAX_DAYS } from '@maestro/contracts';
import { z } from 'zod';
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

export const salesQuery = z
  .strictObject({ currency, from: date('from'), to: date('to') })
  .refine((query) => !twoDates(query) || query.from <= query.to, {
    error: 'from must not be after to: the range is reversed',
    path: ['from'],
  })
  .refine((query) => !twoDates(query) || query.from > query.to || daysBetween(query.from, query.to) <= SALES_REPORT_MAX_DAYS, {
    error: `the range may hold at most ${SALES_REPORT_MAX_DAYS} days; ask for a shorter one`,
    path: ['to'],
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
