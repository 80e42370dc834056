// The import's limits, apart from the CSV parser: the import orchestrator starts with the app and
// checks them, and must not pull papaparse into the initial bundle for two numbers.

/** One import is one all-or-nothing batch; past this, ask for smaller files. */
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
