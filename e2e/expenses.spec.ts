import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parse } from 'papaparse';
import { toExpenseDoc, type ExpenseDraft } from '../contracts/expenses';
import { STAFF, screenshot, signIn, withAdminDb } from './support';
import { expectAccessible } from './accessibility';

// Every journey works on expenses whose payee starts with this run's own word and searches for
// it, so whatever else the emulator holds never changes what the list shows.
const run = `e2e${Date.now().toString(36)}`;

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });

/** Writes expenses straight to the emulator (the admin SDK, as the seed does). */
async function seedExpenses(drafts: ExpenseDraft[], prefix = run): Promise<void> {
  await withAdminDb(async (db) => {
    const batch = db.batch();
    drafts.forEach((draft, i) => batch.set(db.doc(`expenses/${prefix}-${i}`), toExpenseDoc(draft, 'demo-staff')));
    await batch.commit();
  });
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('Search payee, note, tags').fill(text);
  await expect(page).toHaveURL(new RegExp(`q=${text}`));
}

async function choose(page: Page, field: Locator, option: string | RegExp): Promise<void> {
  await field.click();
  await page.getByRole('option', { name: option }).click();
}

const table = (page: Page) => page.getByRole('table', { name: 'Expenses' });
const bodyRows = (page: Page) => table(page).locator('tbody tr');

test.describe('expenses', () => {
  // Long journeys against a shared emulator that other suites keep busy.
  test.slow();

  test('staff record an expense, edit it, delete it and undo the delete', async ({ page }) => {
    const payee = `${run}rec Green Market`;
    await signIn(page, STAFF, '/expenses');
    await expect(page.getByRole('heading', { name: 'Expenses', level: 1 })).toBeVisible();

    await page.getByRole('button', { name: 'New expense' }).first().click();
    let dialog = page.getByRole('dialog', { name: 'New expense' });
    await expect(dialog.getByRole('combobox', { name: 'Account' })).toBeFocused();
    await expectAccessible(page, 'New expense dialog');
    await choose(page, dialog.getByRole('combobox', { name: 'Account' }), /^Cash register/);
    await choose(page, dialog.getByRole('combobox', { name: 'Category' }), 'Ingredients › Produce');
    await dialog.getByLabel('Amount').fill('12.50');
    await dialog.getByLabel('Payee').fill(payee);
    await dialog.getByLabel('Note').fill('Tomatoes and basil');
    await dialog.getByPlaceholder('Add a tag').fill('weekly');
    await dialog.getByPlaceholder('Add a tag').press('Enter');
    await expect(dialog.locator('mat-chip-row', { hasText: 'weekly' })).toBeVisible();
    await expect(dialog.getByText('USD', { exact: true })).toBeVisible();
    await screenshot(page, 'expense-dialog');
    // Enter in the (now empty) tag field submits, like everywhere else in the form.
    await dialog.getByPlaceholder('Add a tag').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Expense recorded.')).toBeVisible();

    await search(page, `${run}rec`);
    await expect(bodyRows(page)).toHaveCount(1);
    const row = bodyRows(page).first();
    await expect(row).toContainText(payee);
    await expect(row).toContainText('Tomatoes and basil');
    await expect(row).toContainText('Ingredients › Produce');
    await expect(row).toContainText('Cash register');
    await expect(row).toContainText('weekly');
    await expect(row).toContainText('$12.50');
    await expect(page.getByLabel('Totals')).toHaveText('$12.50');

    // Edit: the amount and payee change in the list.
    await row.getByRole('button', { name: /^Actions for / }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit expense' });
    await expect(dialog.getByLabel('Amount')).toHaveValue('12.50');
    await dialog.getByLabel('Amount').fill('15.75');
    await dialog.getByLabel('Payee').fill(`${run}rec Corner Shop`);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Expense updated.')).toBeVisible();
    await expect(row).toContainText(`${run}rec Corner Shop`);
    await expect(row).toContainText('$15.75');

    // Delete, then Undo brings it back.
    await row.getByRole('button', { name: /^Actions for / }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const snack = page.locator('mat-snack-bar-container').filter({ hasText: 'Expense deleted' });
    await expect(snack).toBeVisible();
    await expect(page.getByText('Nothing matches these filters')).toBeVisible();
    await screenshot(page, 'expenses-empty-filter');
    await snack.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByText('Expense restored.')).toBeVisible();
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page).first()).toContainText('$15.75');
  });

  test('the dialog says what is wrong and sends nothing until it is right', async ({ page }) => {
    await signIn(page, STAFF, '/expenses');
    await page.getByRole('button', { name: 'New expense' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New expense' });
    await expect(dialog.getByRole('combobox', { name: 'Account' })).toBeFocused();
    await dialog.getByLabel('Amount').fill('abc');
    await dialog.getByLabel('Date').fill('2099-01-01');
    await dialog.getByRole('button', { name: 'Record expense' }).click();

    await expect(dialog.getByText('Choose an account.')).toBeVisible();
    await expect(dialog.getByText('Choose a category.')).toBeVisible();
    await expect(dialog.getByText('Enter an amount like 12.50.')).toBeVisible();
    await expect(dialog.getByText('The date is more than a year ahead.')).toBeVisible();
    await screenshot(page, 'expense-dialog-errors');

    for (const [typed, message] of [
      ['0', 'The amount must be more than zero.'],
      ['-4', 'The amount must be more than zero.'],
    ]) {
      await dialog.getByLabel('Amount').fill(typed);
      await expect(dialog.getByText(message)).toBeVisible();
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  test('filters narrow the list, survive a reload, and the export holds what the screen shows', async ({ page }) => {
    const expense = (overrides: Partial<ExpenseDraft>): ExpenseDraft => ({
      accountId: 'cash-register',
      categoryId: 'produce',
      amountMinor: 1_000,
      currency: 'USD',
      date: '2026-02-10',
      payee: `${run}flt Supplier`,
      note: '',
      tags: [],
      ...overrides,
    });
    await seedExpenses([
      expense({ payee: `${run}flt Farm, "Fresh" Co`, amountMinor: 4_250, date: '2026-02-03', note: 'Eggs, milk', tags: ['weekly', 'dairy'] }),
      expense({ payee: `${run}flt Bakery`, amountMinor: 1_299, date: '2026-02-11', accountId: 'business-checking' }),
      expense({ payee: `${run}flt Power Co`, amountMinor: 18_000, date: '2026-02-14', accountId: 'business-checking', categoryId: 'utilities' }),
      expense({ payee: `${run}flt Landlord`, amountMinor: 250_000, date: '2026-02-01', accountId: 'business-checking', categoryId: 'rent' }),
      expense({ payee: `${run}flt Market`, amountMinor: 875, date: '2026-01-28', tags: ['weekly'] }),
      expense({ payee: `${run}flt Butcher`, amountMinor: 6_120, date: '2026-02-20', accountId: 'company-card', categoryId: 'ingredients' }),
    ]);

    await signIn(page, STAFF, '/expenses');
    await search(page, `${run}flt`);
    await expect(bodyRows(page)).toHaveCount(6);
    await expect(page.getByText('6 expenses')).toBeVisible();
    await expect(page.getByLabel('Totals')).toHaveText('$2,805.44');

    // Account, then a date range: each narrows the list.
    await choose(page, page.getByRole('combobox', { name: 'Account' }), 'Business checking');
    await expect(bodyRows(page)).toHaveCount(3);
    await page.getByLabel('From').fill('2026-02-05');
    await page.getByLabel('From').blur();
    await expect(bodyRows(page)).toHaveCount(2);
    await expect(page).toHaveURL(/from=2026-02-05/);
    await expect(page).toHaveURL(/account=business-checking/);

    // Amount, highest first.
    await table(page).getByRole('columnheader', { name: 'Amount' }).click();
    await expect(page).toHaveURL(/sort=amount-desc/);
    await expect(bodyRows(page).first()).toContainText('$180.00');

    await page.reload();
    await expect(bodyRows(page)).toHaveCount(2);
    await expect(page.getByLabel('Search payee, note, tags')).toHaveValue(`${run}flt`);
    await expect(page.getByRole('combobox', { name: 'Account' })).toContainText('Business checking');
    await expect(page.getByLabel('From')).toHaveValue('2026-02-05');
    await expect(bodyRows(page).first()).toContainText(`${run}flt Power Co`);
    await expect(bodyRows(page).nth(1)).toContainText(`${run}flt Bakery`);

    // Clear the account and dates, keep the word, and export what the screen shows.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await search(page, `${run}flt`);
    await table(page).getByRole('columnheader', { name: 'Date' }).click();
    await expect(page).not.toHaveURL(/sort=/);
    await expect(bodyRows(page)).toHaveCount(6);
    await expect(bodyRows(page).first()).toContainText(`${run}flt Butcher`);
    await screenshot(page, 'expenses-list');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^expenses-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile(await file.path(), 'utf8');
    const csv = parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.meta.fields).toEqual(['date', 'amount', 'currency', 'account', 'category', 'payee', 'note', 'tags']);

    const screen = await bodyRows(page).evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td')];
        const text = (element: Element | null | undefined) => element?.textContent?.trim() ?? '';
        return {
          date: text(cells[0]),
          payee: text(cells[1]!.querySelector('.payee-name')),
          note: text(cells[1]!.querySelector('.note')),
          category: text(cells[2]),
          account: text(cells[3]),
          tags: [...cells[4]!.querySelectorAll('.tag')].map(text).join(';'),
          amount: text(cells[5]),
        };
      }),
    );
    // The file's rows, written the way the screen writes them, in the screen's order.
    const asShown = csv.data.map(({ date, amount, currency, ...rest }) => ({
      ...rest,
      // The app's one date format: "20 Feb 2026".
      date: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)),
      amount: new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(Number(amount)),
    }));
    expect(asShown).toEqual(screen);
    expect(csv.data[0]).toEqual({
      date: '2026-02-20',
      amount: '61.20',
      currency: 'USD',
      account: 'Company card',
      category: 'Ingredients',
      payee: `${run}flt Butcher`,
      note: '',
      tags: '',
    });
    expect(csv.data.find((row) => row['payee']!.includes('Farm'))).toEqual(
      expect.objectContaining({ payee: `${run}flt Farm, "Fresh" Co`, note: 'Eggs, milk', tags: 'weekly;dairy', amount: '42.50', category: 'Ingredients › Produce' }),
    );

    // A filter that matches nothing says so and offers the way back.
    await search(page, `${run}nothing`);
    await expect(page.getByText('Nothing matches these filters')).toBeVisible();
    await page.locator('app-empty-state').getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).not.toHaveURL(/q=/);
  });

  test('the paginator moves by cursor: next, previous, last, and a page size from the URL', async ({ page }) => {
    const word = `${run}pg`;
    await seedExpenses(
      Array.from({ length: 30 }, (_, i) => ({
        accountId: 'company-card',
        categoryId: 'equipment',
        amountMinor: 100 * (i + 1),
        currency: 'USD',
        date: `2026-01-${String(i + 1).padStart(2, '0')}`,
        payee: `${word} Item ${i + 1}`,
        note: '',
        tags: [],
      })),
      word,
    );
    await signIn(page, STAFF, `/expenses?q=${word}&size=25`);
    const paginator = page.getByRole('group', { name: 'Pages of expenses' });
    await expect(paginator).toContainText('1–25 of 30');
    await expect(bodyRows(page)).toHaveCount(25);
    await expect(bodyRows(page).first()).toContainText(`${word} Item 30`);

    await paginator.getByRole('button', { name: 'Next page' }).click();
    await expect(paginator).toContainText('26–30 of 30');
    await expect(bodyRows(page)).toHaveCount(5);
    await expect(bodyRows(page).first()).toContainText(`${word} Item 5`);
    await screenshot(page, 'expenses-last-page');

    await paginator.getByRole('button', { name: 'Previous page' }).click();
    await expect(paginator).toContainText('1–25 of 30');
    await expect(bodyRows(page).first()).toContainText(`${word} Item 30`);

    await paginator.getByRole('button', { name: 'Last page' }).click();
    await expect(bodyRows(page)).toHaveCount(5);
    await expect(bodyRows(page).last()).toContainText(`${word} Item 1`);

    // The page is in the URL: a reload opens it again, Back returns to the page before.
    await expect(page).toHaveURL(/[?&]page=2/);
    await page.reload();
    await expect(paginator).toContainText('26–30 of 30');
    await expect(bodyRows(page).first()).toContainText(`${word} Item 5`);
    await page.goBack();
    await expect(page).not.toHaveURL(/[?&]page=/);
    await expect(paginator).toContainText('1–25 of 30');

    // A page past the end (an old link): the last page, and a word saying so.
    await page.goto(`/expenses?q=${word}&size=25&page=9`);
    await expect(page.getByRole('status').filter({ hasText: 'Page 9 is past the end: the list has 2 pages, showing page 2.' })).toBeVisible();
    await expect(paginator).toContainText('26–30 of 30');
    await expect(page).toHaveURL(/[?&]page=2/);
  });

  test('filters from a link that cannot be used say so on their field, and the list shows what it can', async ({ page }) => {
    const word = `${run}bad`;
    await seedExpenses(
      [{ accountId: 'company-card', categoryId: 'equipment', amountMinor: 4_200, currency: 'USD', date: '2026-02-03', payee: `${word} Knife shop`, note: '', tags: [] }],
      word,
    );
    await signIn(page, STAFF, `/expenses?q=${word}&account=nope&to=2026-13-45&sort=sideways`);
    const field = (label: string) => page.locator('mat-form-field', { has: page.locator('mat-label', { hasText: label }) });
    await expect(field('Account')).toContainText("Unknown account 'nope' ignored.");
    await expect(field('To')).toContainText('To date 2026-13-45 is not a date: ignored.');
    await expect(page.getByText("Unknown sort 'sideways' ignored: newest first.")).toBeVisible();
    // What was ignored is not applied: the expense is listed, not an empty "nothing matches".
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page).first()).toContainText('3 Feb 2026');
    await screenshot(page, 'expenses-ignored-filters');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'expenses-ignored-filters-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    // From after To, from the form: the message, and the dates left out until one is changed.
    await page.goto(`/expenses?q=${word}`);
    await field('From').locator('input').fill('2026-03-10');
    await field('From').locator('input').dispatchEvent('change');
    await field('To').locator('input').fill('2026-03-01');
    await field('To').locator('input').dispatchEvent('change');
    await expect(field('From')).toContainText('From is after To: both dates ignored until one is changed.');
    await expect(bodyRows(page)).toHaveCount(1);
    await field('From').locator('input').fill('2026-02-10');
    await field('From').locator('input').dispatchEvent('change');
    await expect(field('From')).not.toContainText('From is after To');
    await expect(page.getByText('Nothing matches these filters')).toBeVisible();
  });
});
