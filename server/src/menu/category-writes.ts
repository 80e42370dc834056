import {
  MENU_ACTIONS,
  MENU_CATEGORIES_MAX,
  creationChanges,
  diffChanges,
  comparableName,
  type MenuCategory,
  type MenuCategoryDraft,
  type MenuItem,
  type ServiceCharge,
  type ServiceChargeRequest,
} from '@maestro/contracts';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { ApiError } from '../http/api-error';
import type { Actor } from '../activity/activity-entry';
import { COLLECTIONS, menuItemRef, toMenuItem } from '../orders/order-docs';
import { appendMenuActivity } from './menu-activity';
import { categoryRef, serviceChargeRef, toMenuCategory, toServiceCharge } from './menu-docs';
import { categoryNotFound } from './menu-errors';

// Menu categories (their order and tax) and the service charge: one transaction each, with its
// activity entry. A category's name and tax are copied onto its dishes in the same transaction,
// so an order placed at any moment reads one consistent dish (placement.ts reads no category).

/** Dishes per category that one rename or tax change can carry (Firestore: 500 writes a commit). */
export const CATEGORY_DISHES_MAX = 490;

async function readCategories(db: Firestore, tx: Transaction): Promise<MenuCategory[]> {
  const snapshot = await tx.get(db.collection(COLLECTIONS.menuCategories));
  return snapshot.docs
    .flatMap((doc) => toMenuCategory(doc.id, doc.data()) ?? [])
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

function assertNameFree(categories: MenuCategory[], name: string, except?: string) {
  const taken = categories.find((category) => category.id !== except && comparableName(category.name) === comparableName(name));
  if (taken) {
    throw new ApiError(409, 'conflict', `There is already a menu category named “${taken.name}”. Choose another name.`);
  }
}

/** POST /api/menu/categories: placed last. */
export function createCategory(db: Firestore, draft: MenuCategoryDraft, actor: Actor): Promise<MenuCategory> {
  const ref = db.collection(COLLECTIONS.menuCategories).doc();
  return db.runTransaction(async (tx) => {
    const categories = await readCategories(db, tx);
    if (categories.length >= MENU_CATEGORIES_MAX) {
      throw new ApiError(409, 'conflict', `The menu has ${MENU_CATEGORIES_MAX} categories, the most it takes. Rename one instead.`);
    }
    assertNameFree(categories, draft.name);
    const category: MenuCategory = {
      id: ref.id,
      ...draft,
      position: Math.max(-1, ...categories.map((c) => c.position)) + 1,
      version: 1,
    };
    const { id: _id, ...doc } = category;
    tx.create(ref, doc);
    appendMenuActivity(db, tx, {
      actor,
      action: MENU_ACTIONS.categoryCreated,
      subject: { type: 'menuCategory', id: ref.id },
      changes: creationChanges(draft),
    });
    return category;
  });
}

/** PUT /api/menu/categories/:id: its dishes take the new name and tax in the same commit. */
export function updateCategory(
  db: Firestore,
  id: string,
  patch: Partial<MenuCategoryDraft>,
  actor: Actor,
): Promise<{ category: MenuCategory; changedFields: string[]; dishes: MenuItem[] }> {
  return db.runTransaction(async (tx) => {
    const categories = await readCategories(db, tx);
    const current = categories.find((category) => category.id === id);
    if (!current) throw categoryNotFound(id);
    if (patch.name !== undefined) assertNameFree(categories, patch.name, id);
    const dishSnapshots = await tx.get(
      db.collection(COLLECTIONS.menuItems).where('categoryId', '==', id).limit(CATEGORY_DISHES_MAX + 1),
    );
    if (dishSnapshots.size > CATEGORY_DISHES_MAX) {
      throw new ApiError(409, 'conflict', `This category has more than ${CATEGORY_DISHES_MAX} dishes, more than one change can carry. Move some to another category first.`);
    }
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next: MenuCategory = { ...current, ...defined, version: current.version + 1 };
    const { position: _p, version: _v, id: _i, ...before } = current;
    const { position: _p2, version: _v2, id: _i2, ...after } = next;
    const changes = diffChanges(before, after);
    const changedFields = Object.keys(changes);
    if (changedFields.length === 0) return { category: current, changedFields, dishes: [] };
    const { id: _id, ...doc } = next;
    tx.set(categoryRef(db, id), doc);
    const dishes = dishSnapshots.docs.flatMap((snapshot) => {
      const dish = toMenuItem(snapshot.id, snapshot.data());
      if (!dish) return [];
      const updated: MenuItem = {
        ...dish,
        category: next.name,
        taxRateBasisPoints: next.taxRateBasisPoints,
        taxInclusive: next.taxInclusive,
        version: dish.version + 1,
      };
      tx.update(menuItemRef(db, dish.id), {
        category: updated.category,
        taxRateBasisPoints: updated.taxRateBasisPoints,
        taxInclusive: updated.taxInclusive,
        version: updated.version,
      });
      return [updated];
    });
    appendMenuActivity(db, tx, {
      actor,
      action: MENU_ACTIONS.categoryUpdated,
      subject: { type: 'menuCategory', id },
      changes,
    });
    return { category: next, changedFields, dishes };
  });
}

/** PUT /api/menu/category-order: every category, in the new order (else 409: reload first). */
export function reorderCategories(db: Firestore, ids: string[], actor: Actor): Promise<MenuCategory[]> {
  return db.runTransaction(async (tx) => {
    const categories = await readCategories(db, tx);
    const known = new Set(categories.map((category) => category.id));
    if (ids.length !== known.size || ids.some((id) => !known.has(id))) {
      throw new ApiError(409, 'conflict', 'The menu categories changed meanwhile; reload the menu and order them again.');
    }
    const byId = new Map(categories.map((category) => [category.id, category]));
    const reordered = ids.map((id, position) => {
      const category = byId.get(id)!;
      if (category.position === position) return category;
      const moved = { ...category, position, version: category.version + 1 };
      tx.update(categoryRef(db, id), { position, version: moved.version });
      return moved;
    });
    appendMenuActivity(db, tx, {
      actor,
      action: MENU_ACTIONS.categoriesReordered,
      subject: { type: 'settings', id: 'menuCategoryOrder' },
      changes: { order: { from: categories.map((c) => c.name), to: reordered.map((c) => c.name) } },
    });
    return reordered;
  });
}

/** PUT /api/menu/service-charge: applies to orders placed from now on. */
export function setServiceCharge(db: Firestore, request: ServiceChargeRequest, actor: Actor): Promise<ServiceCharge> {
  return db.runTransaction(async (tx) => {
    const current = toServiceCharge((await tx.get(serviceChargeRef(db))).data());
    const next: ServiceCharge = { serviceRateBasisPoints: request.serviceRateBasisPoints, version: current.version + 1 };
    tx.set(serviceChargeRef(db), next);
    appendMenuActivity(db, tx, {
      actor,
      action: MENU_ACTIONS.serviceChargeChanged,
      subject: { type: 'settings', id: 'serviceCharge' },
      changes: diffChanges(current.serviceRateBasisPoints, next.serviceRateBasisPoints),
    });
    return next;
  });
}
