import type { CategoryOption } from '../../data/categories-repository';
import { DEFAULT_PARAMS, hasFilters, paramsFromQuery, queryFromParams, toFilter, withDescendants } from './list-params';

describe('list params', () => {
  const category = (id: string, depth: number): CategoryOption => ({
    id,
    depth,
    name: id,
    path: id,
    colour: '#000000',
    icon: 'category',
    parentId: null,
  });
  const tree = [category('ingredients', 0), category('produce', 1), category('herbs', 2), category('dairy', 1), category('rent', 0)];

  it('reads what the URL says and ignores what it cannot read', () => {
    expect(paramsFromQuery({})).toEqual(DEFAULT_PARAMS);
    expect(paramsFromQuery({ from: '2026-01-01', to: '2026-02-30', account: 'cash', q: ' market ', sort: 'amount-asc', size: '100' })).toEqual({
      ...DEFAULT_PARAMS,
      from: '2026-01-01',
      to: null,
      account: 'cash',
      q: 'market',
      sort: 'amount-asc',
      size: 100,
    });
    expect(paramsFromQuery({ sort: 'sideways', size: '7' })).toEqual(DEFAULT_PARAMS);
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    expect(queryFromParams(DEFAULT_PARAMS)).toEqual({ from: null, to: null, account: null, category: null, q: null, sort: null, size: null });
    const params = { ...DEFAULT_PARAMS, category: 'rent', q: 'gas', sort: 'amount-desc' as const, size: 25 as const };
    const query = queryFromParams(params);
    expect(query).toEqual({ from: null, to: null, account: null, category: 'rent', q: 'gas', sort: 'amount-desc', size: '25' });
    expect(paramsFromQuery(query)).toEqual(params);
  });

  it('tells filters from sorting', () => {
    expect(hasFilters({ ...DEFAULT_PARAMS, sort: 'amount-asc', size: 100 })).toBeFalse();
    expect(hasFilters({ ...DEFAULT_PARAMS, q: 'gas' })).toBeTrue();
    expect(hasFilters({ ...DEFAULT_PARAMS, to: '2026-01-01' })).toBeTrue();
  });

  it('filters a category together with everything below it', () => {
    expect(withDescendants('ingredients', tree)).toEqual(['ingredients', 'produce', 'herbs', 'dairy']);
    expect(withDescendants('produce', tree)).toEqual(['produce', 'herbs']);
    expect(withDescendants('rent', tree)).toEqual(['rent']);
    expect(withDescendants('unknown', tree)).toEqual(['unknown']);
    expect(toFilter({ ...DEFAULT_PARAMS, category: 'produce', account: 'cash' }, tree)).toEqual({
      from: null,
      to: null,
      accountId: 'cash',
      categoryIds: ['produce', 'herbs'],
      text: '',
    });
  });
});
