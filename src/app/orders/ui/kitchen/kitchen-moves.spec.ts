import { orderFixture } from '../../state/order-fixtures';
import { RECALL_LIMIT, bumpTarget, canRecall, rememberBump } from './kitchen-moves';

describe('kitchen moves', () => {
  it('bumps a waiting ticket onto the stove, a cooking one to the pass, and nothing else', () => {
    expect(bumpTarget(orderFixture({ status: 'CONFIRMED' }))).toBe('PREPARING');
    expect(bumpTarget(orderFixture({ status: 'PREPARING', type: 'delivery' }))).toBe('READY');
    for (const status of ['PENDING', 'READY', 'SERVED', 'CANCELLED', 'FAILED'] as const) {
      expect(bumpTarget(orderFixture({ status }))).withContext(status).toBeNull();
    }
  });

  it('recalls only what is READY', () => {
    expect(canRecall(orderFixture({ status: 'READY' }))).toBeTrue();
    expect(canRecall(orderFixture({ status: 'SERVED' }))).toBeFalse();
    expect(canRecall(orderFixture({ status: 'PREPARING' }))).toBeFalse();
    expect(canRecall(undefined)).toBeFalse();
  });

  it(`remembers the last ${RECALL_LIMIT} bumps, newest first, each once`, () => {
    let bumped: string[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) bumped = rememberBump(bumped, id);
    expect(bumped).toEqual(['f', 'e', 'd', 'c', 'b']);
    expect(rememberBump(bumped, 'c')).toEqual(['c', 'f', 'e', 'd', 'b']);
  });
});
