// For specs: accounts, categories and the export layout the import specs share.
import { ImportLookups } from './csv-import-lookups';
import type { ImportMapping } from './csv-import-mapping';

export const TODAY = new Date('2026-03-15T12:00:00Z');

export function testLookups(): ImportLookups {
  return new ImportLookups(
    [
      { id: 'cash-register', name: 'Cash register', currency: 'USD', archived: false },
      { id: 'euro-card', name: 'Euro card', currency: 'EUR', archived: false },
      { id: 'old-till', name: 'Old till', currency: 'USD', archived: true },
    ],
    [
      { id: 'ingredients', name: 'Ingredients', path: 'Ingredients' },
      { id: 'produce', name: 'Produce', path: 'Ingredients › Produce' },
      { id: 'bar-supplies', name: 'Supplies', path: 'Bar › Supplies' },
      { id: 'kitchen-supplies', name: 'Supplies', path: 'Kitchen › Supplies' },
      { id: 'rent', name: 'Rent', path: 'Rent' },
    ],
  );
}

/** The list page's export layout. */
export const EXPORT_MAPPING: ImportMapping = {
  columns: { date: 0, amount: 1, currency: 2, account: 3, category: 4, payee: 5, note: 6, tags: 7 },
  accountId: null,
  defaultCategoryId: null,
  dateFormat: 'YYYY-MM-DD',
  decimalFormat: '1,234.56',
  amountSign: 'expenses-positive',
  creditColumn: null,
};
