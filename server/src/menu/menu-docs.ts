import {
  ORDER_TYPES,
  RATE_BASIS_POINTS_MAX,
  type MenuCategory,
  type MenuItem,
  type ServiceCharge,
} from '@maestro/contracts';
import type { DocumentData, Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../orders/order-docs';

// The menu's documents beside `menuItems/{id}` (order-docs.ts reads those): categories with their
// tax, and the service charge. Written by the API only; members read them.

export const categoryRef = (db: Firestore, id: string) =>
  db.collection(COLLECTIONS.menuCategories).doc(id);
export const serviceChargeRef = (db: Firestore) =>
  db.collection(COLLECTIONS.settings).doc('serviceCharge');

const isRate = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= RATE_BASIS_POINTS_MAX;

/** The service charge; none (0 for every type) when never set or unreadable. */
export function toServiceCharge(data: DocumentData | undefined): ServiceCharge {
  const rates: unknown = data?.['serviceRateBasisPoints'];
  const record = typeof rates === 'object' && rates !== null ? (rates as Record<string, unknown>) : {};
  const version: unknown = data?.['version'];
  return {
    serviceRateBasisPoints: Object.fromEntries(
      ORDER_TYPES.map((type) => [type, isRate(record[type]) ? record[type] : 0]),
    ) as ServiceCharge['serviceRateBasisPoints'],
    version: Number.isSafeInteger(version) ? (version as number) : 0,
  };
}

/** A category document, or null when it is not one we write. */
export function toMenuCategory(id: string, data: DocumentData | undefined): MenuCategory | null {
  if (!data || typeof data['name'] !== 'string') return null;
  const { name, position, taxRateBasisPoints, taxInclusive, version } = data;
  return {
    id,
    name: name as string,
    position: Number.isSafeInteger(position) ? (position as number) : 0,
    taxRateBasisPoints: isRate(taxRateBasisPoints) ? taxRateBasisPoints : 0,
    taxInclusive: taxInclusive === true,
    version: Number.isSafeInteger(version) ? (version as number) : 0,
  };
}

/** What a dish stores (its id is the document's). */
export type MenuItemDoc = Omit<MenuItem, 'id'>;

export function menuItemDoc(item: MenuItem): MenuItemDoc {
  const { id: _id, ...doc } = item;
  return doc;
}

/** The fields the activity log compares for a dish (stock has its own entries). */
export function comparableMenuItem(item: MenuItem): Record<string, unknown> {
  const { id: _id, version: _version, ...fields } = item;
  return fields;
}
