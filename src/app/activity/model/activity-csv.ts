import { unparse } from 'papaparse';
import type { ActivityRow } from './activity-entry';

export const ACTIVITY_CSV_COLUMNS = ['time', 'actor', 'action', 'subject_type', 'subject_id', 'correlation_id', 'changes'] as const;

/** The export: one line per entry (RFC 4180 quoting, CRLF line ends), changes as JSON. */
export function activityCsv(rows: readonly ActivityRow[]): string {
  const data = rows.map((row) => [
    row.at.toISOString(),
    row.actorEmail ?? row.actorUid,
    row.action,
    row.subject.type,
    row.subject.id,
    row.correlationId,
    JSON.stringify(row.changes ?? {}),
  ]);
  // escapeFormulae: a cell starting with = + - @ is not run as a formula by a spreadsheet.
  const csv = unparse({ fields: [...ACTIVITY_CSV_COLUMNS], data }, { header: true, newline: '\r\n', escapeFormulae: true });
  return csv.endsWith('\r\n') ? csv.slice(0, -2) : csv;
}

/** `activity-2026-03-01.csv` */
export function activityFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `activity-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
