import { ApiRequestError } from '../http/api-error-message';
import { isExpectedRefusalStatus } from '../http/api-error-words';

/**
 * A refusal that is part of normal use — someone else moved the order first, a category still
 * has expenses, the API said 4xx — as opposed to a bug or an outage. Screens say it in words;
 * the console keeps quiet about it (a debug line), so real errors stand out there.
 */
export function isExpectedRefusal(error: unknown): boolean {
  if (error instanceof ApiRequestError) return isExpectedRefusalStatus(error.status);
  return typeof error === 'object' && error !== null && (error as { expected?: unknown }).expected === true;
}

/** Marks an error our own checks raise on purpose (a rule said no) as an expected refusal. */
export function expectedRefusal<E extends Error>(error: E): E & { expected: true } {
  return Object.assign(error, { expected: true as const });
}
