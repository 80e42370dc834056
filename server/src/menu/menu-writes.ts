import {
  MENU_ACTIONS,
  creationChanges,
  diffChanges,
  type MenuItem,
  type MenuItemDraft,
} from '@maestro/contracts';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { ApiError } from '../http/api-error';
import type { Actor } from '../activity/activity-entry';
import type { KeyedLock } from '../orders/inventory/keyed-lock';
import { STOCK_TRANSACTION } from '../orders/inventory/stock-docs';
import { COLLECTIONS, menuItemRef, toMenuItem } from '../orders/order-docs';
import { appendMenuActivity } from './menu-activity';
import { comparableMenuItem, categoryRef, menuItemDoc, toMenuCategory } from './menu-docs';
import { categoryNotFound, dishNotFound, staffMayOnly86 } from './menu-errors';
import type { MenuItemPatchBody } from './schemas';

// Writes to dishes. Each is one transaction: the dish (version + 1) and its activity entry commit
// together or not at all. Stock and the dish's other fields are written under the same per-dish
// lock as order reservations (inventory/keyed-lock.ts), so a restock never waits on a deadlock
// with an order; the transaction keeps the count right whatever the lock does.

export interface MenuWriteDeps {
  db: Firestore;
  lock: KeyedLock;
}

/** POST /api/menu/items: the dish takes its category's name and tax. */
export async function createItem(
  { db }: MenuWriteDeps,
  draft: MenuItemDraft & { stock: number },
  actor: Actor,
): Promise<MenuItem> {
  const ref = db.collection(COLLECTIONS.menuItems).doc();
  return db.runTransaction(async (tx) => {
    const category = toMenuCategory(draft.categoryId, (await tx.get(categoryRef(db, draft.categoryId))).data());
    if (!category) throw categoryNotFound(draft.categoryId);
    const item: MenuItem = {
      id: ref.id,
      name: draft.name,
      category: category.name,
      categoryId: category.id,
      station: draft.station,
      priceMinor: draft.priceMinor,
      currency: draft.currency,
      stock: draft.stock,
      available: draft.available,
      archived: false,
      taxRateBasisPoints: category.taxRateBasisPoints,
      taxInclusive: category.taxInclusive,
      version: 1,
    };
    tx.create(ref, menuItemDoc(item));
    appendMenuActivity(db, tx, {
      actor,
      action: MENU_ACTIONS.itemCreated,
      subject: { type: 'menuItem', id: item.id },
      changes: creationChanges(comparableMenuItem(item)),
    });
    return item;
  });
}

/**
 * PUT /api/menu/items/:id. Staff may change `available` only (86 a dish and back). A new price
 * applies to orders placed from now on: placed orders keep the price they were placed with.
 */
export function updateItem(
  { db, lock }: MenuWriteDeps,
  id: string,
  patch: MenuItemPatchBody,
  actor: Actor & { admin: boolean },
): Promise<{ item: MenuItem; changedFields: string[] }> {
  const fields = Object.keys(patch).filter((key) => patch[key as keyof MenuItemPatchBody] !== undefined);
  if (!actor.admin && fields.some((field) => field !== 'available')) throw staffMayOnly86();
  return lock([id], () =>
    db.runTransaction(async (tx) => {
      const current = await readDish(db, tx, id);
      const category =
        patch.categoryId !== undefined && patch.categoryId !== current.categoryId
          ? toMenuCategory(patch.categoryId, (await tx.get(categoryRef(db, patch.categoryId))).data())
          : null;
      if (patch.categoryId !== undefined && patch.categoryId !== current.categoryId && !category)
        throw categoryNotFound(patch.categoryId);
      const next: MenuItem = {
        ...current,
        ...definedOf(patch),
        ...(category
          ? {
              category: category.name,
              categoryId: category.id,
              taxRateBasisPoints: category.taxRateBasisPoints,
              taxInclusive: category.taxInclusive,
            }
          : {}),
        version: current.version + 1,
      };
      const changes = diffChanges(comparableMenuItem(current), comparableMenuItem(next));
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return { item: current, changedFields };
      const { id: _id, ...written } = next;
      tx.update(menuItemRef(db, id), Object.fromEntries(
        [...changedFields, 'version'].map((field) => [field, written[field as keyof typeof written]]),
      ));
      appendMenuActivity(db, tx, {
        actor,
        action: actionOf(changedFields, next),
        subject: { type: 'menuItem', id },
        changes,
      });
      return { item: next, changedFields };
    }),
  );
}

/**
 * POST /api/menu/items/:id/stock: `change` units with a reason, never below zero. Read and
 * written in one transaction under the dish's lock, like an order's reservation, so a restock
 * and an order at the same moment both count.
 */
export function adjustStock(
  { db, lock }: MenuWriteDeps,
  id: string,
  adjustment: { change: number; reason: string },
  actor: Actor,
): Promise<MenuItem> {
  return lock([id], () =>
    db.runTransaction(async (tx) => {
      const current = await readDish(db, tx, id);
      const stock = current.stock + adjustment.change;
      if (stock < 0) {
        throw new ApiError(
          409,
          'conflict',
          `Only ${current.stock} ${current.name} left: taking away ${-adjustment.change} would go below zero. Nothing was changed.`,
        );
      }
      const next: MenuItem = { ...current, stock, version: current.version + 1 };
      tx.update(menuItemRef(db, id), { stock, version: next.version });
      appendMenuActivity(db, tx, {
        actor,
        action: MENU_ACTIONS.stockAdjusted,
        subject: { type: 'menuItem', id },
        changes: {
          stock: { from: current.stock, to: stock },
          reason: { from: null, to: adjustment.reason },
        },
      });
      return next;
    }, STOCK_TRANSACTION),
  );
}

async function readDish(db: Firestore, tx: Transaction, id: string): Promise<MenuItem> {
  const dish = toMenuItem(id, (await tx.get(menuItemRef(db, id))).data());
  if (!dish) throw dishNotFound(id);
  return dish;
}

function actionOf(changedFields: string[], next: MenuItem): string {
  if (changedFields.includes('archived'))
    return next.archived ? MENU_ACTIONS.itemArchived : MENU_ACTIONS.itemUnarchived;
  if (changedFields.length === 1 && changedFields[0] === 'available')
    return MENU_ACTIONS.itemAvailabilityChanged;
  return MENU_ACTIONS.itemUpdated;
}

function definedOf<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
