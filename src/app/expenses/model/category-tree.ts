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

/** Levels from the root down to `categoryId` (a root is at level 1); a broken chain stops counting. */
export function levelOf(all: ReadonlyMap<string, Pick<CategoryDraft, 'parentId'>>, categoryId: string): number {
  let level = 0;
  const seen = new Set<string>();
  for (let at: string | null = categoryId; at && !seen.has(at); at = all.get(at)?.parentId ?? null) {
    seen.add(at);
    level++;
  }
  return level;
}

/** Levels in the subtree under and including `categoryId` (a leaf has height 1). */
export function heightOf(all: ReadonlyMap<string, Pick<CategoryDraft, 'parentId'>>, categoryId: string, seen = new Set<string>()): number {
  if (seen.has(categoryId)) return 0;
  seen.add(categoryId);
  let below = 0;
  for (const [id, category] of all) if (category.parentId === categoryId) below = Math.max(below, heightOf(all, id, seen));
  return 1 + below;
}

/** How deep the deepest category would sit with `categoryId` (and what is under it) placed under `parentId`. */
export function depthUnder(all: ReadonlyMap<string, Pick<CategoryDraft, 'parentId'>>, categoryId: string, parentId: string | null): number {
  return (parentId ? levelOf(all, parentId) : 0) + heightOf(all, categoryId);
}
