import { z } from 'zod';
import { ApiError } from '../../http/api-error';

/**
 * Test-mode fault injection (MAESTRO_FAULT_INJECTION=1, refused unless NODE_ENV=test): the header
 * `X-Maestro-Faults: payment=timeout, delivery=error` makes those saga steps misbehave.
 *   error   – the step throws before doing anything (its outcome is uncertain to the saga);
 *   timeout – the step does its work, then its answer never comes (the worst case: the effect
 *             exists but the saga cannot know);
 *   crash   – the step does its work, then the process exits before the saga records it.
 * `confirm=crash` exits after every step is recorded, before the order is confirmed.
 * `<step>-undo=error|timeout` makes that step's compensation fail in this request (every
 * attempt), leaving it to the recovery sweep.
 * Item edits that raise the total (paid-edits.ts): `edit-payment` is the extra authorization,
 * `edit-commit=error` fails the edit's commit after it, `edit-payment-undo` the release of it.
 */
export const FAULTS_HEADER = 'X-Maestro-Faults';

const FAULT_POINTS = [
  'payment',
  'inventory',
  'delivery',
  'confirm',
  'payment-undo',
  'inventory-undo',
  'delivery-undo',
  'edit-payment',
  'edit-commit',
  'edit-payment-undo',
] as const;
const FAULT_KINDS = ['error', 'timeout', 'crash'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultPlan = Partial<Record<FaultPoint, FaultKind>>;

const entry = z.tuple([z.enum(FAULT_POINTS), z.enum(FAULT_KINDS)]);

export function parseFaultPlan(header: string | undefined): FaultPlan {
  if (header === undefined || header.trim() === '') return {};
  const plan: FaultPlan = {};
  for (const part of header.split(',')) {
    const parsed = entry.safeParse(part.split('=').map((side) => side.trim()));
    if (!parsed.success) {
      throw new ApiError(
        400,
        'bad_request',
        `${FAULTS_HEADER}: "${part.trim()}" is not step=kind with step one of ${FAULT_POINTS.join(', ')} and kind one of ${FAULT_KINDS.join(', ')}.`,
      );
    }
    plan[parsed.data[0]] = parsed.data[1];
  }
  return plan;
}

export class InjectedFault extends Error {
  constructor(point: FaultPoint) {
    // Worded like an internal failure (a gRPC status and detail) so tests can tell it never
    // reaches what staff read.
    super(`13 INTERNAL: injected fault at ${point} (stack: faults.ts)`);
    this.name = 'InjectedFault';
  }
}

/** A promise that never settles: an answer that was lost on the way. */
export const lostAnswer = () => new Promise<never>(() => undefined);
