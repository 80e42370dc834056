import { Bytes, GeoPoint, Timestamp } from 'firebase/firestore';
import { changeLines } from './activity-changes';
import { activityCsv } from './activity-csv';
import { toActivityRow, type ActivityRow } from './activity-entry';

const AT = Timestamp.fromDate(new Date('2026-03-01T18:00:00.000Z'));
const good = {
  actorUid: 'uid-1',
  actorEmail: 'admin@maestro.test',
  action: 'EXPENSE_UPDATED',
  subject: { type: 'expense', id: 'x1' },
  changes: { note: { from: 'old', to: 'new' } },
  correlationId: 'c1',
  eventId: 'e1',
  at: AT,
};
const without = (key: keyof typeof good) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== key));

/** Stands in for a DocumentReference: a class instance that points back at itself (JSON cannot write it). */
class Reference {
  readonly type = 'document';
  readonly path = 'orders/elsewhere';
  readonly firestore = this;
}

const deep = (levels: number): unknown => (levels === 0 ? 'bottom' : { inner: deep(levels - 1) });

// Each stored shape, and what the row keeps of it: the fields not named keep their good values.
const CASES: [string, unknown, Partial<ActivityRow>][] = [
  ['a well-formed entry', good, {}],
  ['no subject', without('subject'), { subject: null }],
  ['a subject without its id', { ...good, subject: { type: 'order' } }, { subject: null }],
  ['a subject id that is a number', { ...good, subject: { type: 'order', id: 42 } }, { subject: null }],
  ['a subject that is text', { ...good, subject: 'order/42' }, { subject: null }],
  ['changes null', { ...good, changes: null }, { changes: null }],
  ['changes a list', { ...good, changes: [{ from: 1, to: 2 }] }, { changes: null }],
  ['changes text', { ...good, changes: 'everything' }, { changes: null }],
  ['a change that is not { from, to }', { ...good, changes: { status: 'DELIVERED', note: { from: 'a', to: 'b' } } }, { changes: { status: null, note: { from: 'a', to: 'b' } } }],
  ['a change with other keys', { ...good, changes: { note: { from: 'a', to: 'b', by: 'me' } } }, { changes: { note: null } }],
  ['a creation without `from`', { ...good, changes: { name: { to: 'Till' } } }, { changes: { name: { from: null, to: 'Till' } } }],
  ['an action that is a number', { ...good, action: 42 }, { action: null }],
  ['an empty action', { ...good, action: '' }, { action: null }],
  ['an email that is a number, no uid', { ...without('actorUid'), actorEmail: 7 }, { actorUid: null, actorEmail: null }],
  ['an actor uid that is a map', { ...good, actorUid: { uid: 'x' } }, { actorUid: null }],
  ['no time', without('at'), { at: null }],
  ['a time that is text', { ...good, at: '2026-03-01T18:00:00Z' }, { at: null }],
  ['a correlation id that is a list', { ...good, correlationId: ['c1'] }, { correlationId: null }],
  [
    'odd values in changes: a reference, a place, bytes, a time',
    {
      ...good,
      changes: {
        link: { from: null, to: new Reference() },
        place: { from: null, to: new GeoPoint(52.5, 13.4) },
        blob: { from: null, to: Bytes.fromUint8Array(new Uint8Array([1, 2])) },
        when: { from: AT, to: null },
      },
    },
    {
      changes: {
        link: { from: null, to: 'orders/elsewhere' },
        place: { from: null, to: { latitude: 52.5, longitude: 13.4 } },
        blob: { from: null, to: 'unknown' },
        when: { from: '2026-03-01T18:00:00.000Z', to: null },
      },
    },
  ],
];

describe('toActivityRow', () => {
  for (const [name, data, odd] of CASES) {
    it(`keeps what it can read of ${name}`, () => {
      const row = toActivityRow('e1', data);
      expect(row).toEqual({
        id: 'e1',
        at: new Date('2026-03-01T18:00:00.000Z'),
        actorUid: 'uid-1',
        actorEmail: 'admin@maestro.test',
        action: 'EXPENSE_UPDATED',
        subject: { type: 'expense', id: 'x1' },
        changes: { note: { from: 'old', to: 'new' } },
        correlationId: 'c1',
        eventId: 'e1',
        ...odd,
      });
      // What reads a row never throws on it either.
      expect(() => activityCsv([row])).not.toThrow();
      expect(() => changeLines(row.changes, row.action)).not.toThrow();
    });
  }

  it('makes a row of anything, even data that is not a map', () => {
    for (const data of [null, undefined, 'text', 42, [good], AT]) {
      const row = toActivityRow('e1', data);
      expect(row).toEqual(jasmine.objectContaining({ at: null, action: null, subject: null, changes: null, actorUid: null }));
      expect(() => activityCsv([row])).not.toThrow();
    }
  });

  it('cuts long text: ids and actions to 200 characters, a value in changes to 1,000', () => {
    const row = toActivityRow('e1', {
      ...good,
      action: 'A'.repeat(5_000),
      subject: { type: 'order', id: 'o'.repeat(300) },
      changes: { note: { from: null, to: 'x'.repeat(1_000_000) } },
    });
    expect(row.action!.length).toBe(200);
    expect(row.action!.endsWith('…')).toBeTrue();
    expect(row.subject!.id.length).toBe(200);
    expect((row.changes!['note']!.to as string).length).toBe(1_000);
  });

  it('keeps a bounded share of a huge change map, counting what it left out', () => {
    const changes = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`field${i}`, { from: null, to: 'v'.repeat(50) }]));
    const row = toActivityRow('e1', { ...good, changes });
    const kept = Object.keys(row.changes!).length;
    expect(kept).toBeGreaterThan(100);
    expect(kept + row.omittedChanges!).toBe(5_000);
    expect(JSON.stringify(row.changes).length).toBeLessThan(40_000);
  });

  it('cuts nesting and long lists short instead of following them', () => {
    const row = toActivityRow('e1', { ...good, changes: { tree: { from: null, to: deep(50) }, list: { from: null, to: Array.from({ length: 100_000 }, (_, i) => i) } } });
    expect(JSON.stringify(row.changes!['tree']!.to)).toContain('…');
    const list = row.changes!['list']!.to as unknown[];
    expect(list.length).toBeLessThan(100_000);
    expect(list.at(-1)).toBe('…');
  });
});
