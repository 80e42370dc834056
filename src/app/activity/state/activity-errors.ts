/** A failed read in words for an administrator. */
export function loadErrorMessage(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'invalid-filter') return (error as Error).message;
  if (code === 'permission-denied') return 'Only administrators can read the activity log.';
  if (code === 'failed-precondition') return 'This combination of filters has no index yet. Remove one filter and try again.';
  if (code === 'unavailable') return 'Cannot reach the database. Check your connection and try again.';
  return 'The activity log could not be loaded. Try again in a moment.';
}
