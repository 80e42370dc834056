/**
 * Hands `csv` to the browser as a download named `fileName`. The byte-order mark makes
 * spreadsheet apps read the file as UTF-8 (accents, "›"); CSV readers skip it.
 */
export function downloadCsv(document: Document, csv: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
