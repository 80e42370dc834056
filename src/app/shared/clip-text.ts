/**
 * `text` cut to at most `max` characters, the cut marked with "…". Text read from the activity
 * log may be of any length (an entry written by hand can hold a megabyte in one field).
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  // Never split a surrogate pair: half an emoji would print as a replacement character.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}
