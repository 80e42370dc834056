import { DocumentReference, GeoPoint, Timestamp } from 'firebase-admin/firestore';

/**
 * One exact text for a Firestore value, so the sealer and a later verifier hash byte-identical
 * input. Plain JSON would not do:
 * - key order: object keys are written sorted (by UTF-16 code units), not in insertion order
 *   (JS puts integer-like keys first anyway);
 * - timestamps keep all nine fraction digits (Firestore stores microseconds, a Date only
 *   milliseconds: an edit of 1 µs must show);
 * - every non-JSON type is tagged (`{"$timestamp":"…"}`), so replacing a timestamp with the string
 *   of the same instant, or 1 with "1", changes the text. A map key that starts with `$` is
 *   written with one more `$`, so a map can never pass for a tag.
 * Firestore's integer and double are one JS number once read (5 and 5.0 look alike): that
 * difference is not evidence of anything and is not kept.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // NaN, ±Infinity and -0 are valid Firestore doubles that JSON cannot tell apart from null or 0.
      return Number.isFinite(value) && !Object.is(value, -0)
        ? JSON.stringify(value)
        : tagged('$double', JSON.stringify(Object.is(value, -0) ? '-0' : String(value)));
    case 'bigint':
      return tagged('$integer', JSON.stringify(value.toString()));
    case 'object':
      return canonicalObject(value);
    default:
      throw new Error(`A ${typeof value} cannot be stored in Firestore, so it cannot be sealed`);
  }
}

/** `2026-05-01T12:00:00.123456789Z`: the instant to the nanosecond, as Firestore holds it. */
export function isoWithNanos(timestamp: Timestamp): string {
  const wholeSeconds = new Date(timestamp.seconds * 1000).toISOString().slice(0, 19);
  return `${wholeSeconds}.${String(timestamp.nanoseconds).padStart(9, '0')}Z`;
}

function canonicalObject(value: object): string {
  if (value instanceof Timestamp) return tagged('$timestamp', JSON.stringify(isoWithNanos(value)));
  if (value instanceof Uint8Array) {
    return tagged('$bytes', JSON.stringify(Buffer.from(value).toString('base64')));
  }
  if (value instanceof GeoPoint) {
    return tagged(
      '$geopoint',
      `[${canonicalJson(value.latitude)},${canonicalJson(value.longitude)}]`,
    );
  }
  if (value instanceof DocumentReference) return tagged('$reference', JSON.stringify(value.path));
  // firebase-admin does not export VectorValue's class; it is the one with toArray().
  if (isVector(value))
    return tagged('$vector', `[${value.toArray().map(canonicalJson).join(',')}]`);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new Error(`A ${constructorName(value)} is not a Firestore value, so it cannot be sealed`);
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .map(
      (key) =>
        `${JSON.stringify(key.startsWith('$') ? `$${key}` : key)}:${canonicalJson(record[key])}`,
    );
  return `{${members.join(',')}}`;
}

function isVector(value: object): value is { toArray(): number[] } {
  return constructorName(value) === 'VectorValue' && 'toArray' in value;
}

function constructorName(value: object): string | undefined {
  return (value.constructor as { name?: string } | undefined)?.name;
}

function tagged(tag: string, json: string): string {
  return `{"${tag}":${json}}`;
}
