import type { CategoryOption } from '../../data/categories-repository';
import { DEFAULT_PARAMS, checkReferences, effectiveParams, hasFilters, paramsFromQuery, queryFromParams, readQuery, toFilter, withDescendants } from './list-params';

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
    expect(queryFromParams(DEFAULT_PARAMS)).toEqual({ from: null, to: null, account: null, category: null, q: null, sort: null, size: null, page: null });
    const params = { ...DEFAULT_PARAMS, category: 'rent', q: 'gas', sort: 'amount-desc' as const, size: 25 as const, page: 3 };
    const query = queryFromParams(params);
    expect(query).toEqual({ from: null, to: null, account: null, category: 'rent', q: 'gas', sort: 'amount-desc', size: '25', page: '3' });
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

  it('says what it ignored in the URL, field by field', () => {
    const { params, problems } = readQuery({ account: 'nope', to: '2026-13-45', sort: 'sideways', size: '7', page: 'two' });
    expect(params).toEqual({ ...DEFAULT_PARAMS, account: 'nope' });
    expect(problems).toEqual([
      { field: 'to', message: 'To date 2026-13-45 is not a date: ignored.' },
      { field: 'sort', message: "Unknown sort 'sideways' ignored: newest first." },
      { field: 'size', message: 'Page size 7 is not one of 25, 50, 100: 50 a page.' },
      { field: 'page', message: 'Page two is not a page number: page 1 shown.' },
    ]);
    expect(readQuery({ page: '0' }).problems.map((p) => p.field)).toEqual(['page']);
    expect(readQuery({ page: '4' })).toEqual({ params: { ...DEFAULT_PARAMS, page: 4 }, problems: [] });
  });

  it('keeps dates the wrong way round in the form but leaves them out of the list', () => {
    const { params, problems } = readQuery({ from: '2026-03-10', to: '2026-03-01' });
    expect(problems).toEqual([{ field: 'from', message: 'From is after To: both dates ignored until one is changed.' }]);
    expect(params.from).toBe('2026-03-10');
    expect(effectiveParams(params)).toEqual(DEFAULT_PARAMS);
    expect(hasFilters(effectiveParams(params))).toBeFalse();
  });

  it('ignores an account or category that does not exist, once the lists are known', () => {
    const asked = { ...DEFAULT_PARAMS, account: 'nope', category: 'produce' };
    expect(checkReferences(asked, [{ id: 'cash' }], tree)).toEqual({
      params: { ...asked, account: null },
      problems: [{ field: 'account', message: "Unknown account 'nope' ignored." }],
    });
    expect(checkReferences({ ...asked, category: 'gone' }, null, tree).problems).toEqual([{ field: 'category', message: "Unknown category 'gone' ignored." }]);
    // Lists still loading (or unreadable) judge nothing.
    expect(checkReferences(asked, undefined, undefined)).toEqual({ params: asked, problems: [] });
  });
});
