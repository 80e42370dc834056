import { duplicateAccounts, duplicateCategories } from './duplicate-names';

describe('duplicate names', () => {
  const account = (id: string, name: string, currency = 'USD', archived = false) => ({ id, name, currency, type: 'cash', archived });

  it('groups accounts of one currency whose names differ only in case or spacing, archived ones too', () => {
    const groups = duplicateAccounts([
      account('a', 'Cash register'),
      account('b', 'cash  REGISTER', 'USD', true),
      account('c', 'Cash register', 'EUR'),
      account('d', 'Card'),
    ]);
    expect(groups).toEqual([
      {
        key: 'USD:cash register',
        name: 'Cash register',
        title: '2 accounts share the name “Cash register” (USD)',
        items: [
          { id: 'a', label: 'Cash register 1 of 2 · cash', detail: '1 · cash' },
          { id: 'b', label: 'cash  REGISTER 2 of 2 · cash, archived', detail: '2 · cash, archived' },
        ],
      },
    ]);
  });

  it('groups categories by parent, naming the parent by its path', () => {
    const category = (id: string, name: string, parentId: string | null, path: string) => ({ id, name, parentId, path });
    const groups = duplicateCategories([
      category('i', 'Ingredients', null, 'Ingredients'),
      category('p1', 'Produce', 'i', 'Ingredients › Produce'),
      category('p2', 'produce', 'i', 'Ingredients › produce'),
      category('p3', 'Produce', null, 'Produce'),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['2 categories share the name “Produce” under “Ingredients”']);
    expect(groups[0]!.items.map((i) => i.id)).toEqual(['p1', 'p2']);
  });

  it('finds nothing when every name is unique', () => {
    expect(duplicateAccounts([account('a', 'Till'), account('b', 'Till 2')])).toEqual([]);
  });
});
