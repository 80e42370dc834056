import { toSagaEvents } from './saga-repository';

describe('toSagaEvents', () => {
  it('turns newest-first activity entries into the saga order, actor by email else uid', () => {
    const t = (iso: string) => ({ toDate: () => new Date(iso) });
    const events = toSagaEvents([
      { id: 'b', action: 'ORDER_PAYMENT_REFUNDED', actorUid: 'system', actorEmail: null, at: t('2026-03-01T18:00:01Z') },
      { id: 'a', action: 'ORDER_CREATED', actorUid: 'u1', actorEmail: 'staff@maestro.test', at: null },
    ]);
    expect(events).toEqual([
      { id: 'a', action: 'ORDER_CREATED', actor: 'staff@maestro.test', at: null, statusChange: null },
      { id: 'b', action: 'ORDER_PAYMENT_REFUNDED', actor: 'system', at: new Date('2026-03-01T18:00:01Z'), statusChange: null },
    ]);
  });

  it('reads a status change from → to in words, and an odd one as unknown', () => {
    const [moved, odd] = toSagaEvents([
      { id: 'odd', action: 'ORDER_STATUS_CHANGED', changes: { status: { from: 'NOPE', to: 'READY' } } },
      { id: 'moved', action: 'ORDER_STATUS_CHANGED', changes: { status: { from: 'CONFIRMED', to: 'OUT_FOR_DELIVERY' } } },
    ]);
    expect(moved!.statusChange).toBe('New → Out for delivery');
    expect(odd!.statusChange).toBe('unknown → Ready');
  });

  it('reads an odd entry without throwing: what it lacks is "unknown", a time that is not one is none', () => {
    const events = toSagaEvents([
      { id: 'odd', action: 42, actorEmail: 7, at: '2026-03-01T18:00:00Z' },
      { id: 'empty' },
    ]);
    expect(events).toEqual([
      { id: 'empty', action: 'unknown', actor: 'unknown', at: null, statusChange: null },
      { id: 'odd', action: 'unknown', actor: 'unknown', at: null, statusChange: null },
    ]);
  });
});
