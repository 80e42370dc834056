// Accounts and categories as a CSV names them: an account by its name (or id), a category by its
// path "Ingredients › Produce", its plain name when that is unique, or its id.

export interface ImportAccount {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly archived: boolean;
}

export interface ImportCategory {
  readonly id: string;
  readonly name: string;
  /** The names from the top, joined with " › ". */
  readonly path: string;
}

export type Found<T> = { ok: true; value: T } | { ok: false; problem: string };

const key = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
/** "Ingredients > Produce", "Ingredients/Produce" and "ingredients › produce" are one path. */
const pathKey = (text: string) =>
  text
    .split(/\s*[›>/]\s*/)
    .map(key)
    .filter(Boolean)
    .join(' › ');

function index<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}

export class ImportLookups {
  private readonly accountsById: Map<string, ImportAccount>;
  private readonly accountsByName: Map<string, ImportAccount[]>;
  private readonly categoriesById: Map<string, ImportCategory>;
  private readonly categoriesByPath: Map<string, ImportCategory[]>;
  private readonly categoriesByName: Map<string, ImportCategory[]>;

  constructor(
    readonly accounts: readonly ImportAccount[],
    readonly categories: readonly ImportCategory[],
  ) {
    this.accountsById = new Map(accounts.map((a) => [a.id, a]));
    this.accountsByName = index(accounts, (a) => key(a.name));
    this.categoriesById = new Map(categories.map((c) => [c.id, c]));
    this.categoriesByPath = index(categories, (c) => pathKey(c.path));
    this.categoriesByName = index(categories, (c) => key(c.name));
  }

  accountById(id: string): ImportAccount | undefined {
    return this.accountsById.get(id);
  }

  categoryById(id: string): ImportCategory | undefined {
    return this.categoriesById.get(id);
  }

  /**
   * An account by name (any case), else by id; archived accounts take no new expenses. Names are
   * unique per currency, so the row's currency (when the file has one) tells same-named ones apart.
   */
  findAccount(text: string, currency?: string): Found<ImportAccount> {
    const named = this.accountsByName.get(key(text)) ?? [];
    const byName = named.length > 1 && currency ? named.filter((a) => a.currency === currency) : named;
    if (byName.length > 1) {
      const currencies = [...new Set(byName.map((a) => a.currency))];
      if (currencies.length > 1) {
        return { ok: false, problem: `Accounts named “${text}” exist in ${currencies.join(' and ')}: add a Currency column to tell them apart.` };
      }
      return { ok: false, problem: `Several accounts are named “${text}”: an admin must rename one of them first.` };
    }
    if (named.length > 1 && !byName.length) return { ok: false, problem: `No account named “${text}” is in ${currency}.` };
    const account = byName[0] ?? this.accountsById.get(text.trim());
    if (!account) return { ok: false, problem: `Unknown account “${text}”: no account has that name.` };
    if (account.archived) return { ok: false, problem: `The account “${account.name}” is archived: restore it or choose another account.` };
    return { ok: true, value: account };
  }

  /** A category by path, else by a name no other category has, else by id. */
  findCategory(text: string): Found<ImportCategory> {
    const byPath = this.categoriesByPath.get(pathKey(text)) ?? [];
    if (byPath.length === 1) return { ok: true, value: byPath[0]! };
    const byName = this.categoriesByName.get(key(text)) ?? [];
    if (byName.length > 1) {
      return { ok: false, problem: `Several categories are named “${text}”: write its path, e.g. “${byName[0]!.path}”.` };
    }
    const category = byName[0] ?? this.categoriesById.get(text.trim());
    return category ? { ok: true, value: category } : { ok: false, problem: `Unknown category “${text}”: no category has that name or path.` };
  }
}
