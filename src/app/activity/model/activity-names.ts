// What the log's ids stand for: account and category names, members' names, currencies. The log
// keeps ids (names change, ids do not); the screens show names. A list that could not be read is
// null: its ids are then shown as they are, never called "deleted".

export interface AccountName {
  name: string;
  currency: string;
}

export interface MemberName {
  name: string | null;
  email: string | null;
}

/** Each list is undefined while it loads and null when it cannot be read. */
export interface NameBook {
  accounts: ReadonlyMap<string, AccountName> | null | undefined;
  /** Category paths ("Ingredients › Produce"). */
  categories: ReadonlyMap<string, string> | null | undefined;
  members: ReadonlyMap<string, MemberName> | null | undefined;
  /** The currency of expenses the page shows (an amount change alone does not say it). */
  expenseCurrencies: ReadonlyMap<string, string>;
  /** The file of each import the page's entries name (`importFiles` in activity-import-units.ts). */
  importFiles?: ReadonlyMap<string, string>;
}

export const NO_NAMES: NameBook = { accounts: null, categories: null, members: null, expenseCurrencies: new Map() };

/** The name for an id of a list, "id (deleted)" when the list no longer has it, the id when the list is unknown. */
function named<T>(list: ReadonlyMap<string, T> | null | undefined, id: string, name: (item: T) => string): string {
  if (!list) return id;
  const item = list.get(id);
  return item === undefined ? `${id} (deleted)` : name(item);
}

export const accountName = (names: NameBook, id: string) => named(names.accounts, id, (a) => a.name);
export const categoryName = (names: NameBook, id: string) => named(names.categories, id, (path) => path);

/** "Alex Admin", or the email, or the uid; "System" for the API's own work. */
export function memberName(names: NameBook, uid: string | null, email: string | null = null): string | null {
  if (uid === 'system') return 'System';
  const member = uid ? names.members?.get(uid) : undefined;
  return member?.name || member?.email || email || uid;
}

/** Category paths from the stored documents (parent first); a missing or looping parent ends the path. */
export function categoryPaths(categories: readonly { id: string; name: string; parentId?: string | null }[]): Map<string, string> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  for (const category of categories) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let at: typeof category | undefined = category; at && !seen.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) {
      seen.add(at.id);
      names.unshift(at.name);
    }
    paths.set(category.id, names.join(' › '));
  }
  return paths;
}
