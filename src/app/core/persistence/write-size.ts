import {
  Bytes,
  DocumentReference,
  FieldValue,
  GeoPoint,
  Timestamp,
  VectorValue,
  type DocumentData,
} from 'firebase/firestore';
import type { BatchWrite } from './batch-write';

// ── Size estimate ────────────────────────────────────────────────────────────────────────────
// An upper bound, in bytes, of what one write adds to a commit on either transport of the web SDK:
// - Node (gRPC): the protobuf `Write`. Strings and bytes count their length; a value adds up to
//   ~7 bytes of tags and length prefixes, a map entry ~6 more (we count NODE = 12, ENTRY = 8).
// - Browser (WebChannel): URL-encoded JSON. Measured here: the emulator accepts such a body up to
//   ~16 MiB, i.e. 4 × the 4 MiB commit limit. So a string costs its UTF-8 bytes plus one per
//   character JSON escapes (`"`, `\`, control characters): that keeps cost ≥ URL-encoded size / 4
//   for every character (a control character is `%5Cu0001`: 8 bytes / 4 = 2 = 1 + 1).
// A document name costs 128 bytes of `projects/<id>/databases/(default)/documents/` plus its path;
// a mask (merge set, update) repeats the field paths. With the 3 MiB budget against the 4 MiB
// limit, a chunk keeps a quarter of headroom for what this misses. It over-counts small values
// (a 1,000-field document of small numbers is estimated at ~40 kB against ~17 kB of protobuf), which
// costs nothing but a few more chunks, except for huge arrays of tiny values: an array of ~200,000
// booleans is refused as too large although Firestore would take it.

const NODE = 12;
/** A map or array value: `{"mapValue":{"fields":{…}}}` costs more than a scalar's wrapper. */
const CONTAINER = 8;
const ENTRY = 8;
const DOCUMENT_NAME = 128;
const WRITE = 64;
const TRANSFORM = 64;

export function estimateWriteBytes(write: BatchWrite): number {
  const name = DOCUMENT_NAME + stringBytes(write.path);
  if (write.kind === 'delete') return WRITE + name;
  const mask =
    write.kind === 'update'
      ? Object.keys(write.data).reduce((sum, key) => sum + stringBytes(key) + ENTRY, 0)
      : write.merge
        ? leafPathBytes(write.data, 0)
        : 0;
  return WRITE + name + valueBytes(write.data, new Set()) + mask;
}

function stringBytes(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) bytes += 1;
    else if (c >= 0x80) bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

function valueBytes(value: unknown, path: Set<object>): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return NODE + 4;
  if (typeof value === 'number') return NODE + 16;
  if (typeof value === 'string') return NODE + stringBytes(value);
  if (typeof value !== 'object') return NODE + 16;
  if (value instanceof Timestamp || value instanceof Date) return NODE + 32;
  if (value instanceof GeoPoint) return NODE + 48;
  if (value instanceof Bytes) return NODE + value.toUint8Array().byteLength;
  if (value instanceof DocumentReference) return NODE + DOCUMENT_NAME + stringBytes(value.path);
  if (value instanceof VectorValue) return NODE + 64 + 32 * value.toArray().length;
  if (path.has(value)) return 0; // a cycle: the SDK refuses it anyway
  path.add(value);
  let bytes = NODE + CONTAINER;
  if (Array.isArray(value)) {
    for (const item of value) bytes += valueBytes(item, path);
  } else if (value instanceof FieldValue) {
    // serverTimestamp(), increment(n), arrayUnion(...): a field transform; its own fields hold the
    // operand (the property names are minified, so walk them all).
    bytes += TRANSFORM;
    for (const [key, item] of Object.entries(value))
      if (key !== '_methodName') bytes += valueBytes(item, path);
  } else {
    for (const [key, item] of Object.entries(value))
      bytes += ENTRY + stringBytes(key) + valueBytes(item, path);
  }
  path.delete(value);
  return bytes;
}

/** The merge mask of a `set(..., { merge: true })`: every leaf's full dotted path. */
function leafPathBytes(data: DocumentData, prefix: number): number {
  let bytes = 0;
  for (const [key, item] of Object.entries(data)) {
    const own = prefix + stringBytes(key) + 1;
    const isMap =
      item !== null && typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype;
    bytes +=
      isMap && Object.keys(item).length ? leafPathBytes(item as DocumentData, own) : own + ENTRY;
  }
  return bytes;
}
