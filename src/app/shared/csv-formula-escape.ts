// Spreadsheets run a cell that starts with = + - @, a tab or a carriage return as a formula, so a
// payee like =HYPERLINK("http://x","y") in an exported file would act when the file is opened
// (CSV injection). The export puts an apostrophe before such a text cell — spreadsheets show the
// text and hide the apostrophe — and the import takes exactly that apostrophe off again.
// To keep the pair exact for every string, a cell that already starts with an apostrophe followed
// by one of those characters or by another apostrophe gets one more: '=x ↔ ''=x, while 'a and
// O'Brien never change. Used by the expense export and import (expenses-export.ts, csv-import-rows.ts)
// and by the reports' CSV exports.

/** A cell a spreadsheet would read as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** An apostrophe the export put there (or one a spreadsheet would hide): the import takes it off. */
const ESCAPED = /^'[=+\-@\t\r']/;

/** A text cell as the export writes it: safe to open in a spreadsheet. */
export function escapeCsvText(text: string): string {
  return FORMULA_START.test(text) || ESCAPED.test(text) ? `'${text}` : text;
}

/** A text cell as the import reads it: the exact inverse of escapeCsvText. */
export function unescapeCsvText(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}
