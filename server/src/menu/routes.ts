import { byCategoryPosition, type MenuResponse } from '@maestro/contracts';
import { Router, type Request } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import { currentUser } from '../auth/authenticated-user';
import { requireAdmin } from '../auth/require-admin';
import { parseOrThrow } from '../http/validate';
import type { Actor } from '../activity/activity-entry';
import type { KeyedLock } from '../orders/inventory/keyed-lock';
import { COLLECTIONS, toMenuItem } from '../orders/order-docs';
import { DOC_ID } from '../orders/schemas';
import { createCategory, reorderCategories, setServiceCharge, updateCategory } from './category-writes';
import { serviceChargeRef, toMenuCategory, toServiceCharge } from './menu-docs';
import { categoryNotFound, dishNotFound } from './menu-errors';
import type { MenuEvents } from './menu-events';
import { adjustStock, createItem, updateItem } from './menu-writes';
import {
  categoryDraftBody,
  categoryOrderBody,
  categoryPatchBody,
  menuItemDraftBody,
  menuItemPatchBody,
  serviceChargeBody,
  stockAdjustmentBody,
} from './schemas';

/**
 * `/api/menu`: the API owns the menu. Members read it; admins change it; staff may only mark a
 * dish available or not (PUT /items/:id with `available` alone). Every write answers after it
 * committed with its activity entry, then tells the `kitchen` and `orders` rooms once.
 */
export function menuRouter(deps: { db: Firestore; lock: KeyedLock; events: MenuEvents }): Router {
  const { db, lock, events } = deps;
  const router = Router();

  router.get('/', async (_req, res) => {
    const [categories, dishes, settings] = await Promise.all([
      db.collection(COLLECTIONS.menuCategories).get(),
      db.collection(COLLECTIONS.menuItems).get(),
      serviceChargeRef(db).get(),
    ]);
    const body: MenuResponse = {
      categories: categories.docs
        .flatMap((doc) => toMenuCategory(doc.id, doc.data()) ?? [])
        .sort(byCategoryPosition),
      menuItems: dishes.docs
        .flatMap((doc) => toMenuItem(doc.id, doc.data()) ?? [])
        .sort((a, b) => a.name.localeCompare(b.name)),
      serviceCharge: toServiceCharge(settings.data()),
    };
    res.json(body);
  });

  router.post('/items', requireAdmin, async (req, res) => {
    const draft = parseOrThrow(menuItemDraftBody, req.body, 'dish');
    const menuItem = await createItem({ db, lock }, draft, actorOf(req));
    events('menu-item:created', { menuItem, changedFields: [] });
    res.status(201).location(`/api/menu/items/${menuItem.id}`).json(menuItem);
  });

  // Staff reach this one too: updateItem lets them change `available` only.
  router.put('/items/:id', async (req, res) => {
    const id = idOf(req, dishNotFound);
    const patch = parseOrThrow(menuItemPatchBody, req.body, 'dish update');
    const actor = { ...actorOf(req), admin: currentUser(req).role === 'admin' };
    const { item, changedFields } = await updateItem({ db, lock }, id, patch, actor);
    if (changedFields.length) events('menu-item:updated', { menuItem: item, changedFields });
    res.json(item);
  });

  router.post('/items/:id/stock', requireAdmin, async (req, res) => {
    const id = idOf(req, dishNotFound);
    const adjustment = parseOrThrow(stockAdjustmentBody, req.body, 'stock adjustment');
    const menuItem = await adjustStock({ db, lock }, id, adjustment, actorOf(req));
    events('menu-item:updated', { menuItem, changedFields: ['stock'] });
    res.json(menuItem);
  });

  router.post('/categories', requireAdmin, async (req, res) => {
    const draft = parseOrThrow(categoryDraftBody, req.body, 'menu category');
    const category = await createCategory(db, draft, actorOf(req));
    events('menu-category:created', { category, changedFields: [] });
    res.status(201).json(category);
  });

  router.put('/categories/:id', requireAdmin, async (req, res) => {
    const id = idOf(req, categoryNotFound);
    const patch = parseOrThrow(categoryPatchBody, req.body, 'menu category update');
    const { category, changedFields, dishes } = await updateCategory(db, id, patch, actorOf(req));
    if (changedFields.length) {
      events('menu-category:updated', { category, changedFields });
      for (const menuItem of dishes)
        events('menu-item:updated', { menuItem, changedFields: changedFields.map(dishField) });
    }
    res.json(category);
  });

  router.put('/category-order', requireAdmin, async (req, res) => {
    const { categoryIds } = parseOrThrow(categoryOrderBody, req.body, 'category order');
    const categories = await reorderCategories(db, categoryIds, actorOf(req));
    events('menu-categories:reordered', { categories });
    res.json(categories);
  });

  router.put('/service-charge', requireAdmin, async (req, res) => {
    const request = parseOrThrow(serviceChargeBody, req.body, 'service charge');
    const serviceCharge = await setServiceCharge(db, request, actorOf(req));
    events('service-charge:updated', { serviceCharge });
    res.json(serviceCharge);
  });

  return router;
}


/** A category's field as its dishes name it. */
const dishField = (field: string) => (field === 'name' ? 'category' : field);

const actorOf = (req: Request): Actor => {
  const user = currentUser(req);
  return { uid: user.uid, email: user.email };
};

// An id that cannot be a Firestore document id names nothing: 404, never a Firestore error.
function idOf(req: Request, notFound: (id: string) => Error): string {
  const value: unknown = req.params['id'];
  const id = typeof value === 'string' ? value : '';
  if (!DOC_ID.test(id)) throw notFound(id.slice(0, 128));
  return id;
}
