import { Injectable, inject } from '@angular/core';
import type { CategoryDraft } from '@maestro/contracts';
import { map, type Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchQuery } from '../../core/firebase/watch-query';

export interface Category extends CategoryDraft {
  id: string;
}

/** A category with its place in the tree, for pickers and lists ("Ingredients › Produce"). */
export interface CategoryOption extends Category {
  /** 0 for a top-level category. */
  depth: number;
  /** The names from the top, joined with " › ". */
  path: string;
}

/** Categories, live, in tree order: each parent followed by its children, by name. */
@Injectable({ providedIn: 'root' })
export class CategoriesRepository {
  private readonly loader = inject(FirestoreLoader);

  watchAll(): Observable<CategoryOption[]> {
    return watchQuery<CategoryDraft>(this.loader, (fs, db) => fs.query(fs.collection(db, 'categories'), fs.orderBy('name'))).pipe(
      map(categoryTree),
    );
  }
}

/** Orders categories parent-first; a child whose parent is missing is shown at the top level. */
export function categoryTree(categories: Category[]): CategoryOption[] {
  const byParent = new Map<string | null, Category[]>();
  const ids = new Set(categories.map((c) => c.id));
  for (const category of categories) {
    const parent = category.parentId && ids.has(category.parentId) ? category.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), category]);
  }
  const out: CategoryOption[] = [];
  const visit = (parent: string | null, depth: number, prefix: string, seen: Set<string>) => {
    for (const category of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(category.id)) continue; // a cycle written by hand: show each category once
      seen.add(category.id);
      const path = prefix ? `${prefix} › ${category.name}` : category.name;
      out.push({ ...category, depth, path });
      visit(category.id, depth + 1, path, seen);
    }
  };
  visit(null, 0, '', new Set());
  return out;
}
