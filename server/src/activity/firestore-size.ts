import { DocumentReference, GeoPoint, Timestamp } from 'firebase-admin/firestore';

/**
 * Bytes a value takes by Firestore's own storage-size rules (strings: UTF-8 + 1, numbers and
 * timestamps 8, maps: keys + values…). Firestore tells nobody how big a document is before it
 * is read, so readers estimate what they just read to keep within their byte budgets.
 */
export function firestoreBytes(value: unknown): number {
  if (value === null || value === undefined) return 1;
  switch (typeof value) {
    case 'string':
      return Buffer.byteLength(value, 'utf8') + 1;
    case 'boolean':
      return 1;
    case 'number':
    case 'bigint':
      return 8;
    case 'object':
      return objectBytes(value);
    default:
      return 1;
  }
}

function objectBytes(value: object): number {
  if (value instanceof Timestamp) return 8;
  if (value instanceof GeoPoint) return 16;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof DocumentReference) return Buffer.byteLength(value.path, 'utf8') + 1;
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + firestoreBytes(item), 0);
  if ('toArray' in value && typeof value.toArray === 'function') {
    return 8 * (value.toArray() as unknown[]).length; // a vector
  }
  let sum = 0;
  for (const [key, inner] of Object.entries(value))
    sum += firestoreBytes(key) + firestoreBytes(inner);
  return sum;
}
