import type { CategoryDraft } from '@maestro/contracts';

/** True when putting `categoryId` under `parentId` would make it its own ancestor. */
export function createsLoop(all: ReadonlyMap<string, Pick<CategoryDraft, 'parentId'>>, categoryId: string, parentId: string | null): boolean {
  const seen = new Set<string>();
  for (let at = parentId; at; at = all.get(at)?.parentId ?? null) {
    if (at === categoryId || seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}
