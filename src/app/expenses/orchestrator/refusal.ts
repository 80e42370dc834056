import { expectedRefusal } from '../../core/orchestration/expected-refusal';

/** An error with a Firestore-style code and a message meant for the user (shown as is); an expected refusal, not a bug. */
export function refusal(code: 'invalid-argument' | 'not-found' | 'failed-precondition' | 'permission-denied' | 'already-exists', message: string): Error {
  return expectedRefusal(Object.assign(new Error(message), { code }));
}
