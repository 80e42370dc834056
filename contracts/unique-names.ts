// Account names are unique per currency, category names under one parent, compared without case
// and with runs of spaces as one: "Cash  register" is "cash register". Each name in use is claimed
// by a document (`accountNames/{key}`, `categoryNames/{key}`) written in the same batch as the
// account or category, so the rules can refuse a second one: they cannot query, but they can read
// a claim. firestore.rules checks the key (`keyOfName`); keep the two in step.

/** Whitespace as the rules' regular expressions see it (RE2 `\s` and Unicode separators). */
const SPACES = /[\t\n\f\r\p{Z}]+/gu;

/** A name as it is stored: any whitespace run is one plain space, none at the ends. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/**
 * The claim's key: spaces collapsed, every letter lowered, '%', '/' and '\\' escaped (a document id
 * cannot hold '/'). Lowered one letter at a time: a letter whose lowercase is two (the dotted İ)
 * stays as it is, and the final ς is σ. The rules cannot lower É (their `lower()` knows A–Z), so
 * they check the key instead: no capital left, and equal to the name in Unicode's case folding
 * (firestore.rules, `keyOfName`). Accounts and categories carry it as `nameKey`.
 */
export function nameKey(name: string): string {
  const spaced = name.replace(SPACES, ' ').replace(/^ | $/g, '');
  const lowered = [...spaced]
    .map((letter) => {
      const lower = letter.toLowerCase();
      return [...lower].length === 1 ? lower : letter;
    })
    .join('')
    .replace(/ς/g, 'σ');
  return lowered.replace(/%/g, '%25').replace(/\//g, '%2F').replace(/\\/g, '%5C');
}

/** What the app compares: the key, so the app refuses exactly the names the rules refuse. */
export const comparableName = (name: string): string => nameKey(name);

export const accountNameKey = (currency: string, name: string): string => `${currency}:${nameKey(name)}`;

/** Top-level categories share the parent "root". */
export const categoryNameKey = (parentId: string | null | undefined, name: string): string => `${parentId || 'root'}:${nameKey(name)}`;

export const accountNameClaimPath = (currency: string, name: string): string => `accountNames/${accountNameKey(currency, name)}`;
export const categoryNameClaimPath = (parentId: string | null | undefined, name: string): string =>
  `categoryNames/${categoryNameKey(parentId, name)}`;

/** What the name field says when the name is taken. */
export function accountNameTaken(existing: { name: string; currency: string; archived?: boolean }): string {
  const archived = existing.archived ? ' (archived: unarchive it instead, or choose another name)' : '';
  return `An account named “${existing.name}” in ${existing.currency} already exists${archived}.`;
}

export function categoryNameTaken(existing: { name: string }, parentPath: string | null): string {
  return parentPath
    ? `A category named “${existing.name}” already exists under “${parentPath}”.`
    : `A top-level category named “${existing.name}” already exists.`;
}

/** Groups of two or more items whose names collide (data written before names were unique). */
export function duplicateNames<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}
