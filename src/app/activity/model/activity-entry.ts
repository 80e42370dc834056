import type { ActivityEntry } from '@maestro/contracts';

/** An activity entry as the screen holds it: with its document id and `at` as a Date. */
export type ActivityRow = Omit<ActivityEntry, 'at'> & { id: string; at: Date };
