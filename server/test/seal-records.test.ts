// A seal's record on its own, no Firestore: what its hash covers (every field but the informative
// sealedAt and sealedBy) and how a stored record is read before anything is recomputed from it.
// activity-seals.test.ts checks the same through the API against the emulator.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Timestamp, type DocumentData } from 'firebase-admin/firestore';
import { entryHash, sealHash, sealId, toSummary, type SealDoc } from '../src/activity/seal-chain';
import { readSeal } from '../src/activity/seal-shape';

const at = (seconds: number, nanos = 0) => new Timestamp(seconds, nanos);
const hex = (c: string) => c.repeat(64);

function storedSeal(): SealDoc {
  return {
    version: 1,
    sequence: 2,
    previousHash: hex('1'),
    hash: '',
    count: 2,
    first: { at: at(1_700_000_000, 5_000), id: 'entry-a' },
    last: { at: at(1_700_000_060, 7_000), id: 'entry-b' },
    entryIds: ['entry-a', 'entry-b'],
    entryHashes: [hex('a'), hex('b')],
    sealedAt: at(1_700_000_100),
    sealedBy: 'api-1',
  };
}
const sealed = (): SealDoc => {
  const seal = storedSeal();
  return { ...seal, hash: sealHash(seal) };
};

describe('sealHash', () => {
  test('is a SHA-256 in hex, the same for the same content', () => {
    assert.match(sealHash(storedSeal()), /^[0-9a-f]{64}$/);
    assert.equal(sealHash(storedSeal()), sealHash(storedSeal()));
  });

  const edits: [string, (seal: SealDoc) => Partial<SealDoc>][] = [
    ['version', () => ({ version: 2 })],
    ['sequence', () => ({ sequence: 3 })],
    ['previousHash', () => ({ previousHash: hex('2') })],
    ['count', () => ({ count: 3 })],
    ['first.at, by a microsecond', (s) => ({ first: { ...s.first, at: at(1_700_000_000, 6_000) } })],
    ['first.id', (s) => ({ first: { ...s.first, id: 'entry-z' } })],
    ['last.at, by a second', (s) => ({ last: { ...s.last, at: at(1_700_000_061, 7_000) } })],
    ['last.id', (s) => ({ last: { ...s.last, id: 'entry-z' } })],
    ['an entry id', (s) => ({ entryIds: s.entryIds.with(1, 'entry-z') })],
    ['the entry order', (s) => ({ entryIds: [...s.entryIds].reverse() })],
    ['an entry hash', (s) => ({ entryHashes: s.entryHashes.with(0, hex('c')) })],
  ];
  for (const [field, edit] of edits) {
    test(`changes with ${field}`, () => {
      const seal = storedSeal();
      assert.notEqual(sealHash({ ...seal, ...edit(seal) }), sealHash(seal));
    });
  }

  test('leaves out when and by whom it was sealed, and its own hash', () => {
    const seal = storedSeal();
    const other = { ...seal, hash: hex('f'), sealedAt: at(1), sealedBy: 'api-2' };
    assert.equal(sealHash(other), sealHash(seal));
  });
});

describe('entryHash, sealId, toSummary', () => {
  test('an entry hashes with its id: the same data under another id differs', () => {
    const data = { action: 'ORDER_CREATED', at: at(1_700_000_000) };
    assert.match(entryHash('x', data), /^[0-9a-f]{64}$/);
    assert.equal(entryHash('x', { ...data }), entryHash('x', data));
    assert.notEqual(entryHash('y', data), entryHash('x', data));
    assert.notEqual(entryHash('x', { ...data, action: 'ORDER_DELETED' }), entryHash('x', data));
  });

  test('seal ids are twelve digits, so they sort as the chain runs', () => {
    assert.equal(sealId(1), '000000000001');
    assert.equal(sealId(123_456_789_012), '123456789012');
  });

  test('a summary gives the range as ISO times', () => {
    const seal = sealed();
    assert.deepEqual(toSummary(seal), {
      sequence: 2,
      hash: seal.hash,
      previousHash: hex('1'),
      count: 2,
      firstAt: '2023-11-14T22:13:20.000Z',
      lastAt: '2023-11-14T22:14:20.000Z',
    });
  });
});

describe('readSeal: a stored record checked for shape first', () => {
  const read = (data: object, id = '000000000002', expected = 2) =>
    readSeal(id, data as DocumentData, expected);
  const kinds = (result: ReturnType<typeof readSeal>) => result.problems.map((p) => p.kind);

  test('a sound seal reads with no problem, its end kept for the next seal', () => {
    const seal = sealed();
    const result = read(seal);
    assert.deepEqual(result, { sequence: 2, seal, last: seal.last, problems: [] });
  });

  test('another version is named and not read further; its end is still kept', () => {
    const result = read({ ...sealed(), version: 2 });
    assert.equal(result.seal, undefined);
    assert.deepEqual(kinds(result), ['seal-altered']);
    assert.equal(result.problems[0]!.seal, 2);
    assert.match(result.problems[0]!.message, /^Seal 2 \(000000000002\) has version 2; this API checks version 1\.$/);
    assert.deepEqual(result.last, sealed().last);
  });

  const broken: [string, Record<string, unknown>][] = [
    ['sequence not a whole number', { sequence: 2.5 }],
    ['previousHash not text', { previousHash: 7 }],
    ['hash not text', { hash: null }],
    ['count not a whole number', { count: '2' }],
    ['first not a position', { first: { at: '2023-11-14', id: 'entry-a' } }],
    ['first without an id', { first: { at: at(1) } }],
    ['last not a position', { last: null }],
    ['entryIds not a list', { entryIds: 'entry-a,entry-b' }],
    ['entryIds holding a number', { entryIds: ['entry-a', 2] }],
    ['entryHashes not a list', { entryHashes: { 0: hex('a') } }],
    ['entryHashes holding a number', { entryHashes: [hex('a'), 2] }],
  ];
  for (const [what, edit] of broken) {
    test(`named, not read, when ${what}`, () => {
      const result = read({ ...sealed(), ...edit });
      assert.equal(result.seal, undefined);
      assert.deepEqual(kinds(result), ['seal-altered']);
      assert.match(result.problems[0]!.message, /is not a seal any more: fields are missing or of the wrong type\.$/);
    });
  }

  test('a broken seal is placed by its own sequence, else by its id, else where it was found', () => {
    assert.equal(read({ ...sealed(), hash: 1 }).sequence, 2);
    assert.equal(read({ ...sealed(), sequence: 'two' }, '000000000009', 4).sequence, 9);
    assert.equal(read({ ...sealed(), sequence: 'two' }, 'seal-nine', 4).sequence, 4);
    assert.equal(read({ ...sealed(), sequence: 2.5 }, '00000000009', 4).sequence, 4, 'eleven digits');
    assert.equal(read({ ...sealed(), sequence: 2.5 }, 'x000000000009', 4).sequence, 4, 'a prefix');
    assert.equal(read({ ...sealed(), sequence: 2.5 }, '0000000000091', 4).sequence, 4, 'thirteen digits');
    assert.equal(read({ ...sealed(), last: 'end' }).last, undefined);
  });

  const miscounted: [string, Partial<SealDoc>, string][] = [
    ['one more id than the count', { entryIds: ['entry-a', 'entry-b', 'entry-c'] }, 'lists 3 entries and 2 hashes for a count of 2'],
    ['one hash fewer', { entryHashes: [hex('a')] }, 'lists 2 entries and 1 hashes for a count of 2'],
    ['another count', { count: 3 }, 'lists 2 entries and 2 hashes for a count of 3'],
    ['nothing at all', { count: 0, entryIds: [], entryHashes: [] }, 'lists 0 entries and 0 hashes for a count of 0'],
  ];
  for (const [what, edit, words] of miscounted) {
    test(`named when its lists and count disagree: ${what}`, () => {
      const result = read({ ...sealed(), ...edit });
      assert.equal(result.seal, undefined);
      assert.deepEqual(result.problems, [
        { seal: 2, kind: 'seal-altered', message: `Seal 2 (000000000002) ${words}.` },
      ]);
    });
  }

  test('a seal stored under another number is named and still read', () => {
    const seal = { ...sealed(), sequence: 3 };
    const result = read(seal);
    assert.equal(result.seal, seal);
    assert.equal(result.sequence, 3);
    assert.deepEqual(result.last, seal.last);
    assert.deepEqual(result.problems, [
      { seal: 3, kind: 'seal-altered', message: 'Seal 3 (000000000002) is stored as 000000000002 but says it is seal 3.' },
    ]);
  });
});
