import { comparableName, duplicateNames } from '@maestro/contracts';

/** Names two or more items share (written before names were unique), with what tells them apart. */
export interface DuplicateGroup {
  readonly key: string;
  /** The name they share, as the first of them writes it. */
  readonly name: string;
  /** “2 accounts share the name “Cash register” (USD)” */
  readonly title: string;
  /** `label` names the item in full (for screen readers); `detail` is what tells it from the others. */
  readonly items: readonly { readonly id: string; readonly label: string; readonly detail: string }[];
}

interface NamedAccount {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly type: string;
  readonly archived: boolean;
}

interface NamedCategory {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly path: string;
}

/** Accounts of one currency sharing a name, archived ones included (an export names them too). */
export function duplicateAccounts(accounts: readonly NamedAccount[]): DuplicateGroup[] {
  return duplicateNames(accounts, (a) => `${a.currency}:${comparableName(a.name)}`).map((group) => ({
    key: `${group[0]!.currency}:${comparableName(group[0]!.name)}`,
    name: group[0]!.name,
    title: `${group.length} accounts share the name “${group[0]!.name}” (${group[0]!.currency})`,
    items: group.map((a, i) => {
      const detail = `${i + 1} · ${a.type}${a.archived ? ', archived' : ''}`;
      return { id: a.id, label: `${a.name} ${i + 1} of ${group.length} · ${a.type}${a.archived ? ', archived' : ''}`, detail };
    }),
  }));
}

/** Categories under one parent sharing a name. */
export function duplicateCategories(categories: readonly NamedCategory[]): DuplicateGroup[] {
  return duplicateNames(categories, (c) => `${c.parentId ?? ''}:${comparableName(c.name)}`).map((group) => {
    const first = group[0]!;
    const cut = first.path.lastIndexOf(' › ');
    const under = first.parentId && cut > 0 ? ` under “${first.path.slice(0, cut)}”` : ' at the top level';
    return {
      key: `${first.parentId ?? ''}:${comparableName(first.name)}`,
      name: first.name,
      title: `${group.length} categories share the name “${first.name}”${under}`,
      items: group.map((c, i) => ({ id: c.id, label: `${c.name} ${i + 1} of ${group.length}`, detail: `${i + 1} · “${c.name}”` })),
    };
  });
}
