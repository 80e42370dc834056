import { NO_FILTER, filterFromQuery, filterProblem, hasFilters, queryFromFilter } from './activity-filter';

describe('activity filter', () => {
  it('round-trips through the URL, dropping what cannot be read', () => {
    const filter = { ...NO_FILTER, actor: 'admin@maestro.test', subjectType: 'order' as const, subjectId: 'o1', correlationId: 'saga-1', from: '2026-03-01' };
    expect(filterFromQuery(queryFromFilter(filter))).toEqual(filter);
    expect(filterFromQuery({ subjectType: 'planet', subjectId: 'x', from: 'yesterday', to: '2026-13-45', action: '  ' })).toEqual(NO_FILTER);
    expect(queryFromFilter(NO_FILTER)).toEqual(jasmine.objectContaining({ actor: null, from: null }));
  });

  it('says what is wrong with a range the wrong way round and an id without its type', () => {
    expect(filterProblem({ ...NO_FILTER, from: '2026-03-02', to: '2026-03-01' })).toBe('From must be before To.');
    expect(filterProblem({ ...NO_FILTER, from: '2026-03-01', to: '2026-03-01' })).toBeNull();
    expect(filterProblem({ ...NO_FILTER, subjectId: 'o1' })).toBe('Choose the subject type of the id.');
  });

  it('knows when something narrows the log', () => {
    expect(hasFilters(NO_FILTER)).toBeFalse();
    expect(hasFilters({ ...NO_FILTER, correlationId: 'c' })).toBeTrue();
  });
});
