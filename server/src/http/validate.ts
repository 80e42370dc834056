import type { ApiErrorDetail } from '@maestro/contracts';
import type { z } from 'zod';
import { ApiError } from './api-error';

/** Parses a request part with a zod schema, or throws 400 `validation_failed` listing each field's problem. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: ApiErrorDetail[] = result.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
  const summary = details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
  throw new ApiError(
    400,
    'validation_failed',
    `The ${what} is not valid. Fix these and try again: ${summary}`,
    { details },
  );
}
