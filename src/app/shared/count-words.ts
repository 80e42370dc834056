// Counts in words: "1 row", "2 rows", "1,234 rows". The word agrees with the number as shown
// (a rate of 1.4 rows a second is shown as 1, so "1 row/s").

/** The noun for `count` as shown (rounded): "row" for 1, "rows" otherwise (0 included). */
export function noun(count: number, one: string, many = `${one}s`): string {
  return Math.round(count) === 1 ? one : many;
}

/** "1 row", "2 rows", "1,234 rows". */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${Math.round(count).toLocaleString('en-US')} ${noun(count, one, many)}`;
}
