/** An error with a Firestore-style code and a message meant for the user (shown as is). */
export function refusal(code: 'invalid-argument' | 'not-found' | 'failed-precondition' | 'permission-denied' | 'already-exists', message: string): Error {
  return Object.assign(new Error(message), { code });
}
