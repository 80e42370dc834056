import { parse } from 'papaparse';

// Reading an uploaded file into a table of cells: refuses what is not a CSV (by its content, not
// its name), finds the delimiter and whether the first row is a header.

import { MAX_FILE_BYTES, MAX_IMPORT_ROWS } from './import-limits';

export { MAX_FILE_BYTES, MAX_IMPORT_ROWS } from './import-limits';

export interface CsvRow {
  /** The row's number as a spreadsheet shows it: the header is row 1, the first data row row 2. */
  readonly rowNumber: number;
  readonly cells: readonly string[];
  /** The row as the file writes it, to show beside a problem (absent for rows made in code). */
  readonly line?: string;
  /** Set when the row has more or fewer cells than the header: its cells cannot be trusted. */
  readonly cellCountProblem?: string;
}

/** The column separators a file may use, with their names for the mapping step and messages. */
export const DELIMITERS = [
  { value: ',', label: 'Comma ( , )', name: 'comma' },
  { value: ';', label: 'Semicolon ( ; )', name: 'semicolon' },
  { value: '\t', label: 'Tab', name: 'tab' },
  { value: '|', label: 'Vertical bar ( | )', name: 'vertical bar' },
] as const;
export type Delimiter = (typeof DELIMITERS)[number]['value'];

export interface CsvTable {
  /** The header's titles, or "Column 1", "Column 2"… when the file has none. */
  readonly columns: readonly string[];
  readonly hasHeader: boolean;
  readonly delimiter: string;
  readonly rows: readonly CsvRow[];
}

export type CsvReadOutcome = { ok: true; table: CsvTable } | { ok: false; message: string };

const NOT_CSV_BINARY =
  'This file is not a CSV: it looks like a binary file (a spreadsheet, a PDF or an image). Save or export it as CSV and try again.';
const NOT_CSV_NO_DELIMITER =
  'This file is not a CSV: no column separator (comma, semicolon or tab) was found. Export it as CSV, with a date and an amount column, and try again.';
const EMPTY = 'This file is empty. Choose the CSV file that holds your expenses.';
const NO_ROWS = 'This file has a header but no rows to import.';

/** Refuses a file too large to read before reading it. */
export function fileSizeProblem(bytes: number): string | null {
  if (bytes === 0) return EMPTY;
  if (bytes <= MAX_FILE_BYTES) return null;
  const mb = (n: number) => (n / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return `This file is too large (${mb(bytes)} MB): an import takes files up to ${mb(MAX_FILE_BYTES)} MB. Split it into smaller files and import them one by one.`;
}

/** The file's bytes as text, or why they are not text (UTF-8, or UTF-16 with its byte-order mark). */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: EMPTY };
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (!utf16 && bytes.subarray(0, 64 * 1024).includes(0)) return { ok: false, message: NOT_CSV_BINARY };
  const text = new TextDecoder(utf16 ?? 'utf-8').decode(bytes).replace(/^\uFEFF/, '');
  return looksBinary(text) ? { ok: false, message: NOT_CSV_BINARY } : { ok: true, text };
}

/**
 * Control characters (other than tab, line breaks and form feed) and undecodable bytes are rare in
 * text; a few are tolerated (a Latin-1 accent read as UTF-8 becomes one), many mean binary.
 */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd || c === 0x7f) odd++;
  }
  return odd > Math.max(2, sample.length * 0.01);
}

/**
 * Parses CSV text: the delimiter is the one given, or guessed; empty lines are skipped (row numbers
 * still count them). Every row keeps its line as written, and a row whose cell count differs from
 * the header's is marked: an unquoted "1,234.56" split in two must not be read as 1.00.
 */
export function readCsvText(text: string, isHeaderCell: (cell: string) => boolean, chosenDelimiter?: Delimiter): CsvReadOutcome {
  if (!text.trim()) return { ok: false, message: EMPTY };
  const delimiter = chosenDelimiter ?? guessDelimiter(text);
  const records = readRecords(text, delimiter).filter((row) => row.cells.some((cell) => cell !== ''));
  if (!records.length) return { ok: false, message: EMPTY };
  if (Math.max(...records.map((row) => row.cells.length)) < 2) return { ok: false, message: NOT_CSV_NO_DELIMITER };

  const hasHeader = firstRowIsHeader(records[0]!.cells, records[1]?.cells, isHeaderCell);
  const width = hasHeader ? records[0]!.cells.length : mostCommonLength(records);
  const data = hasHeader ? records.slice(1) : records;
  const trailing = trailingSeparators(data, width);
  const rows = data.map((row) => withCellCount(row, width, trailing, hasHeader, delimiter));
  if (!rows.length) return { ok: false, message: NO_ROWS };
  if (rows.length > MAX_IMPORT_ROWS) {
    const n = (x: number) => x.toLocaleString('en-US');
    return {
      ok: false,
      message: `This file has ${n(rows.length)} rows: an import takes at most ${n(MAX_IMPORT_ROWS)}. Split it into files of up to ${n(MAX_IMPORT_ROWS)} rows and import them one by one.`,
    };
  }
  const header = records[0]!.cells;
  const columns = Array.from({ length: width }, (_, i) => (hasHeader && header[i] ? header[i]! : `Column ${i + 1}`));
  return { ok: true, table: { columns, hasHeader, delimiter, rows } };
}

/** The name of a delimiter for messages: "comma", "semicolon"… */
export const delimiterName = (delimiter: string) => DELIMITERS.find((d) => d.value === delimiter)?.name ?? `“${delimiter}”`;

/** Guessed on the first rows without empty lines (they upset the guess). */
function guessDelimiter(text: string): Delimiter {
  const guess = parse<string[]>(text, { delimiter: '', preview: 20, skipEmptyLines: 'greedy', delimitersToGuess: DELIMITERS.map((d) => d.value) });
  return (DELIMITERS.find((d) => d.value === guess.meta.delimiter)?.value ?? ',') as Delimiter;
}

/** Every line, empty ones too (so row numbers match a spreadsheet's), with its text as written. */
function readRecords(text: string, delimiter: string): CsvRow[] {
  const records: CsvRow[] = [];
  let from = 0;
  parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    step: ({ data, meta }) => {
      const line = text.slice(from, meta.cursor).replace(/\r?\n$|\r$/, '');
      from = meta.cursor;
      records.push({ rowNumber: records.length + 1, cells: data.map((cell) => cell.trim()), line });
    },
  });
  return records;
}

function mostCommonLength(rows: readonly CsvRow[]): number {
  const counts = new Map<number, number>();
  for (const { cells } of rows) counts.set(cells.length, (counts.get(cells.length) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}

/**
 * How many empty cells past the width the file's rows habitually end with (many banks end every
 * row with a separator): the most common row length, when its extra cells are empty. A row may
 * drop that many and no more, so a split "1,234.56" in a row with an empty last column is not
 * taken for a trailing separator.
 */
function trailingSeparators(rows: readonly CsvRow[], width: number): number {
  if (!rows.length) return 0;
  const usual = mostCommonLength(rows);
  const habitual = rows.filter((row) => row.cells.length === usual).every((row) => row.cells.slice(width).every((cell) => cell === ''));
  return usual > width && habitual ? usual - width : 0;
}

/** Past the width, the file's trailing empty cells are dropped; any other difference is the row's problem, said with its likely cause. */
function withCellCount(row: CsvRow, width: number, trailing: number, hasHeader: boolean, delimiter: string): CsvRow {
  let cells = row.cells;
  for (let dropped = 0; dropped < trailing && cells.length > width && cells[cells.length - 1] === ''; dropped++) cells = cells.slice(0, -1);
  if (cells.length === width) return { ...row, cells };
  const than = hasHeader ? `the header has ${width}` : `most rows have ${width}`;
  const cause =
    cells.length > width
      ? `a ${delimiterName(delimiter)} inside a value that is not in quotes${delimiter === ',' ? ' (like 1,234.56)' : ''} splits it in two. Put that value in quotes, or choose another separator.`
      : 'a value is missing or the line was cut short. Fix the row in the file.';
  // Counted as the file writes the row, trailing separators included.
  return { ...row, cells, cellCountProblem: `This row has ${row.cells.length} cells where ${than}: ${cause}` };
}

const DATA_LIKE = /^[-+(]?[$€£¥]?\s*\d[\d.,\s/-]*\)?$/;

/**
 * The first row is a header when one of its cells names a field we know ("Date", "Amount"…), or
 * when none of its cells looks like data (a number or a date) while the next row's do.
 */
export function firstRowIsHeader(
  first: readonly string[],
  second: readonly string[] | undefined,
  isHeaderCell: (cell: string) => boolean,
): boolean {
  if (first.some(isHeaderCell)) return true;
  const dataCells = (cells: readonly string[]) => cells.filter((cell) => DATA_LIKE.test(cell)).length;
  return dataCells(first) === 0 && second !== undefined && dataCells(second) > 0;
}
