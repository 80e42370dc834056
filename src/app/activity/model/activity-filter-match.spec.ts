import { NO_FILTER } from './activity-filter';
import { MATCHES_MAX, matchingActions, matchingMembers, resolveFilter } from './activity-filter-match';
import type { MemberName } from './activity-names';

describe('activity filter matching', () => {
  const members = new Map<string, MemberName>([
    ['demo-admin', { name: 'Alex Admin', email: 'admin@maestro.test' }],
    ['demo-staff', { name: 'Sam Staff', email: 'staff@maestro.test' }],
    ['no-name', { name: null, email: 'kim@maestro.test' }],
  ]);

  it('finds an action by its words or its code, in any case, in part', () => {
    expect(matchingActions('Expense recorded')).toEqual(['EXPENSE_RECORDED']);
    expect(matchingActions('expense rec')).toEqual(['EXPENSE_RECORDED']);
    expect(matchingActions('EXPENSE_RECORDED')).toEqual(['EXPENSE_RECORDED']);
    expect(matchingActions('order placed')).toEqual(['ORDER_CREATED']);
    expect(matchingActions('expense')).toContain('EXPENSE_DELETED');
    expect(matchingActions('expense').length).toBeGreaterThan(3);
    // Unknown to the app (an older writer's action): looked for as typed, as a code.
    expect(matchingActions('legacy thing')).toEqual(['LEGACY_THING']);
    expect(matchingActions('  ')).toEqual([]);
  });

  it('finds members by name or email, in any case, in part, or by uid', () => {
    expect(matchingMembers('alex', members)).toEqual(['demo-admin']);
    expect(matchingMembers('ADMIN@maestro', members)).toEqual(['demo-admin']);
    expect(matchingMembers('maestro.test', members)).toEqual(['demo-admin', 'demo-staff', 'no-name']);
    expect(matchingMembers('demo-staff', members)).toEqual(['demo-staff']);
    expect(matchingMembers('nobody', members)).toEqual([]);
  });

  it('asks the log for every match, or for the actor exactly when no member matches', () => {
    expect(resolveFilter({ ...NO_FILTER, actor: 'sam', action: 'expense rec' }, members)).toEqual({
      ok: true,
      filter: { ...NO_FILTER, actor: 'sam', action: 'expense rec', actorUids: ['demo-staff'], actions: ['EXPENSE_RECORDED'] },
    });
    // A former member (no profile left), or members that cannot be read: exact, as before.
    expect(resolveFilter({ ...NO_FILTER, actor: 'old@maestro.test' }, members)).toEqual({ ok: true, filter: { ...NO_FILTER, actor: 'old@maestro.test' } });
    expect(resolveFilter({ ...NO_FILTER, actor: 'alex' }, null)).toEqual({ ok: true, filter: { ...NO_FILTER, actor: 'alex' } });
  });

  it('says so when a word matches more than the log can be asked for at once', () => {
    const many = new Map<string, MemberName>(Array.from({ length: MATCHES_MAX + 1 }, (_, i) => [`u${i}`, { name: `Cook ${i}`, email: null }]));
    const tooMany = resolveFilter({ ...NO_FILTER, actor: 'cook' }, many);
    expect(tooMany).toEqual({ ok: false, problem: `"cook" matches ${MATCHES_MAX + 1} members: type more of the name or email.` });
    const combined = resolveFilter({ ...NO_FILTER, actor: 'maestro', action: 'order' }, members);
    expect(combined.ok).toBeFalse();
  });
});
