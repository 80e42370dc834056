/** Offers text as a download, the way a link to a file would. */
export function saveTextFile(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click starts the download synchronously; the URL is not needed afterwards.
  setTimeout(() => URL.revokeObjectURL(url));
}
