import { expect, test, type Locator, type Page } from '@playwright/test';
import { BUDGETS_ADMIN_ONLY } from '../contracts/expenses';
import { ADMIN, STAFF, screenshot, signIn, withAdminDb } from './support';
import { expectAccessible } from './accessibility';
import { showColourScheme } from './charts';

// One category of this run's own (seeded, as the demo data is), so what the summary and budgets
// show for it is exactly what this run recorded, whatever else the emulator holds.
const run = `sum${Date.now().toString(36)}`;
const categoryId = `e2e-${run}`;
const categoryName = `Linen ${run}`;

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });

test.beforeAll(() =>
  withAdminDb((db) => db.doc(`categories/${categoryId}`).set({ name: categoryName, colour: '#00897b', icon: 'local_laundry_service', parentId: null, createdBy: 'demo-staff' })),
);

// What this run wrote goes again: its expense, its budget, its category.
test.afterAll(() =>
  withAdminDb(async (db) => {
    const expenses = await db.collection('expenses').where('categoryId', '==', categoryId).get();
    await Promise.all([...expenses.docs.map((doc) => doc.ref.delete()), db.doc(`budgets/${categoryId}_USD`).delete(), db.doc(`categories/${categoryId}`).delete()]);
  }),
);

async function choose(page: Page, field: Locator, option: string | RegExp): Promise<void> {
  await field.click();
  await page.getByRole('option', { name: option }).click();
}

const monthName = (date: Date) => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' }).format(date);
const thisMonth = () => monthName(new Date());
const lastMonth = () => monthName(new Date(new Date().getFullYear(), new Date().getMonth() - 1, 1));

test.describe('summary and budgets', () => {
  test.describe.configure({ mode: 'serial' });

  test('an expense recorded in the app shows in the charts, their tables and the balances', async ({ page }) => {
    await signIn(page, STAFF, '/expenses');
    await page.getByRole('button', { name: 'New expense' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New expense' });
    await expect(dialog.getByRole('combobox', { name: 'Account' })).toBeFocused();
    await choose(page, dialog.getByRole('combobox', { name: 'Account' }), /^Cash register/);
    await choose(page, dialog.getByRole('combobox', { name: 'Category' }), categoryName);
    await dialog.getByLabel('Amount').fill('12.34');
    await dialog.getByLabel('Payee').fill(`${run} Laundry`);
    await dialog.getByRole('button', { name: 'Record expense' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('tab', { name: 'Summary' }).click();
    await expect(page).toHaveURL(/\/expenses\/summary$/);

    // By category, this month: the row and the doughnut's description name it.
    const byCategory = page.getByRole('table', { name: `Spending by category in USD, ${thisMonth()}` });
    await expect(byCategory.getByRole('row', { name: new RegExp(categoryName) })).toContainText('$12.34');
    const doughnut = page.locator('app-category-spending canvas').first();
    await expect(doughnut).toHaveAttribute('aria-label', new RegExp(`${categoryName} \\$12\\.34`));

    // By month: the table has this month, the bar chart has a description and drew something.
    const byMonth = page.getByRole('table', { name: 'Spending by month' });
    await expect(byMonth.getByRole('row', { name: new RegExp(thisMonth()) })).toContainText('$');
    const bars = page.locator('app-month-spending canvas');
    await expect(bars).toHaveAttribute('role', 'img');
    await expect(bars).toHaveAttribute('aria-label', /^Bar chart of spending by month/);
    await expect.poll(() => paintedPixels(bars)).toBeGreaterThan(500);
    await expect.poll(() => paintedPixels(doughnut)).toBeGreaterThan(500);

    // Balances: every account with its derived balance, totals per currency.
    await expect(page.getByRole('table', { name: 'Balances in USD' })).toContainText('Cash register');
    await expect(page.getByRole('table', { name: 'Balances in USD' })).toContainText(/Total across \d+ accounts?(\s*· \d+ archived at zero not shown)?\s*\$/);

    // The shell scrolls inside itself: a tall window shows the whole page in one picture.
    await page.setViewportSize({ width: 1280, height: 1900 });
    await screenshot(page, 'expenses-summary');
    await showColourScheme(page, 'dark');
    await expect.poll(() => paintedPixels(bars)).toBeGreaterThan(500);
    await screenshot(page, 'expenses-summary-dark');
  });

  test('an admin sets a budget; staff see spending against it read-only, with a warning in words when over', async ({ page, browser }) => {
    // Staff read budgets but do not set them: the page says so before anyone tries.
    const staff = await browser.newPage();
    await signIn(staff, STAFF, '/expenses/budgets');
    await expect(staff.getByText(BUDGETS_ADMIN_ONLY)).toBeVisible();
    const staffRow = staff.getByRole('table', { name: `Budgets in USD for ${thisMonth()}` }).getByRole('row', { name: new RegExp(categoryName) });
    await expect(staffRow).toContainText('$12.34');
    await expect(staffRow.getByRole('button')).toHaveCount(0);
    await screenshot(staff, 'expenses-budgets-staff');

    await signIn(page, ADMIN, '/expenses/budgets');
    await expect(page.getByRole('group', { name: 'Budget month' })).toContainText(thisMonth());
    const rowIn = (month: string) => page.getByRole('table', { name: `Budgets in USD for ${month}` }).getByRole('row', { name: new RegExp(categoryName) });
    const row = rowIn(thisMonth());
    await expect(row).toContainText('$12.34');
    await expect(row).toContainText('Set budget');

    await row.getByRole('button', { name: `Set budget for ${categoryName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Budget for ${categoryName}` });
    await expect(dialog.getByLabel(/Monthly budget/)).toBeFocused();
    await expectAccessible(page, 'Budget dialog');
    await dialog.getByLabel(/Monthly budget/).fill('-3');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Enter an amount like 500.00 (0 or more).')).toBeVisible();
    await dialog.getByLabel(/Monthly budget/).fill('10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Budget for ${categoryName} set to $10.00 a month.`)).toBeVisible();

    await expect(row.getByRole('button', { name: `Change the budget for ${categoryName}, now $10.00` })).toBeVisible();
    await expect(row).toContainText('Over by $2.34');
    await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByRole('heading', { name: /USD\s+\d+ over budget/ })).toBeVisible();
    await expect(staffRow).toContainText('Over by $2.34');
    await staff.close();

    // The month picker answers the arrow keys; last month had none of this spending.
    await page.getByRole('group', { name: 'Budget month' }).getByText(thisMonth()).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('group', { name: 'Budget month' })).toContainText(lastMonth());
    await expect(rowIn(lastMonth())).toContainText('$10.00 left');
    await expect(rowIn(lastMonth())).not.toContainText('Over by');
    await page.keyboard.press('Home');
    await expect(row).toContainText('Over by $2.34');

    await page.setViewportSize({ width: 1280, height: 1100 });
    await screenshot(page, 'expenses-budgets');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'expenses-budgets-dark');
  });

  test('accounts in dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await signIn(page, STAFF, '/expenses/accounts');
    await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('Cash register');
    await expect(page.getByRole('status', { name: 'Working out the balance' })).toHaveCount(0);
    await page.setViewportSize({ width: 1280, height: 1100 });
    await screenshot(page, 'expenses-accounts-dark');
  });
});

/** How many pixels of the canvas are painted: 0 means Chart.js drew nothing. */
function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });
}
