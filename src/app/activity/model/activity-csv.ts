import { unparse } from 'papaparse';
import { clipText } from '../../shared/clip-text';
import { UNKNOWN_VALUE, type ActivityRow } from './activity-entry';

export const ACTIVITY_CSV_COLUMNS = ['time', 'actor', 'action', 'subject_type', 'subject_id', 'correlation_id', 'changes'] as const;

// Spreadsheets hold at most 32,767 characters in a cell (Excel, LibreOffice): a longer one is cut.
const CELL_MAX = 32_000;

/**
 * The export: one line per entry (RFC 4180 quoting, CRLF line ends), changes as JSON. A field the
 * entry lacks (or holds in an odd shape) is "unknown", as on the page.
 */
export function activityCsv(rows: readonly ActivityRow[]): string {
  const data = rows.map((row) => [
    row.at?.toISOString() ?? UNKNOWN_VALUE,
    row.actorEmail ?? row.actorUid ?? UNKNOWN_VALUE,
    row.action ?? UNKNOWN_VALUE,
    row.subject?.type ?? UNKNOWN_VALUE,
    row.subject?.id ?? UNKNOWN_VALUE,
    row.correlationId ?? UNKNOWN_VALUE,
    row.changes ? clipText(changesJson(row), CELL_MAX) : UNKNOWN_VALUE,
  ]);
  // escapeFormulae: a cell starting with = + - @ is not run as a formula by a spreadsheet.
  const csv = unparse({ fields: [...ACTIVITY_CSV_COLUMNS], data }, { header: true, newline: '\r\n', escapeFormulae: true });
  return csv.endsWith('\r\n') ? csv.slice(0, -2) : csv;
}

/** The changes as JSON; an unreadable change is "unknown", fields left out are counted under "…". */
function changesJson(row: ActivityRow): string {
  const changes = Object.fromEntries(Object.entries(row.changes ?? {}).map(([key, change]) => [key, change ?? UNKNOWN_VALUE]));
  if (row.omittedChanges) changes['…'] = `${row.omittedChanges} more changes left out`;
  return JSON.stringify(changes);
}

/** `activity-2026-03-01.csv` */
export function activityFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `activity-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
