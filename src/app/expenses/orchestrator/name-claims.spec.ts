import type { BatchWrite } from '../../core/persistence/batch-write';
import { claimWrites, type NameClaimPlan } from './name-claims';

// What goes in the batch for a name's claim, decided from who holds it now.
describe('claimWrites', () => {
  const plan: NameClaimPlan = { claimPath: 'accountNames/USD:till', ownerField: 'accountId', ownerId: 'mine' };
  const claimPathOf = new Map([
    ['holder', 'accountNames/USD:till'],
    ['renamed', 'accountNames/USD:front till'],
  ]);
  const set: BatchWrite = { kind: 'set', path: 'accountNames/USD:till', data: { accountId: 'mine' } };

  it('claims a free name', () => {
    expect(claimWrites(plan, { current: undefined, previous: undefined }, claimPathOf)).toEqual([set]);
  });

  it('writes nothing when the claim is already its own', () => {
    expect(claimWrites(plan, { current: 'mine', previous: undefined }, claimPathOf)).toEqual([]);
  });

  it('refuses (null) when another item holds the name now', () => {
    expect(claimWrites(plan, { current: 'holder', previous: undefined }, claimPathOf)).toBeNull();
  });

  it('takes over a claim whose holder was renamed or is gone', () => {
    expect(claimWrites(plan, { current: 'renamed', previous: undefined }, claimPathOf)).toEqual([set]);
    expect(claimWrites(plan, { current: 'deleted', previous: undefined }, claimPathOf)).toEqual([set]);
  });

  it('frees the old name on a rename only when that claim is its own', () => {
    const rename = { ...plan, previousClaimPath: 'accountNames/USD:old' };
    expect(claimWrites(rename, { current: undefined, previous: 'mine' }, claimPathOf)).toEqual([set, { kind: 'delete', path: 'accountNames/USD:old' }]);
    expect(claimWrites(rename, { current: undefined, previous: 'holder' }, claimPathOf)).toEqual([set]);
  });
});
