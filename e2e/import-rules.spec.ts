import { expect, test, type Page } from '@playwright/test';
import { STAFF, seedAccount, signIn, withAdminDb } from './support';
import { choose, cleanUp, liveExpensesOf, screenshotWhole, usBankExpenses, usBankFile, WRITES } from './import-journeys';

// Import rules learned on the review: the first import of a bank file needs a category per payee,
// the second import of the same file needs none, and the rules page lists, edits and deletes them.
const run = `rule${Date.now().toString(36)}`;
const account = { id: `${run}-checking`, name: `Checking ${run}` };
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** What the review is told for each payee of the US bank file. */
const CATEGORY_BY_PAYEE: Record<string, string> = {
  'SYSCO FOODS 0316': 'Ingredients › Produce',
  'WASTE MANAGEMENT INC': 'Utilities',
  'GREEN VALLEY FARMS PURCHASE': 'Ingredients › Produce',
  'ACME LINEN SERVICE': 'Equipment',
  'RESTAURANT DEPOT #12': 'Ingredients',
  'CHECK 1042': 'Rent',
  'CITY POWER & LIGHT AUTOPAY': 'Utilities',
};
const CATEGORY_IDS: Record<string, string> = { 'Ingredients › Produce': 'produce', Utilities: 'utilities', Equipment: 'equipment', Ingredients: 'ingredients', Rent: 'rent' };
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

test.beforeAll(async () => {
  // Rules left by an earlier run of these journeys that stopped half-way (the specs remove their
  // own), so that the page starts empty.
  await withAdminDb(async (db) => {
    const batch = db.batch();
    (await db.collection('importRules').get()).docs.filter((d) => / (rule|undo)[0-9a-z]{8,}/.test(String(d.get('pattern')))).forEach((d) => batch.delete(d.ref));
    await batch.commit();
  });
  await seedAccount({ ...account, openingBalanceMinor: 1_000_000 });
});
test.afterAll(() => cleanUp(run, [account.id]));

/** Upload the bank file and map it: payments negative, this run's account, no default category. */
async function mapBankFile(page: Page): Promise<void> {
  await page.getByLabel('CSV file to import').setInputFiles({ name: 'Chase1234_Activity.CSV', mimeType: 'text/csv', buffer: usBankFile(run) });
  await page.getByRole('button', { name: 'Next: map the columns' }).click();
  await expect(page.getByRole('table', { name: /^Preview/ })).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: 'Expenses and money in' }), /^Payments are negative/);
  await choose(page, page.getByRole('combobox', { name: 'Account of every row' }), new RegExp(`^${account.name}`));
  await page.getByRole('button', { name: 'Next: review' }).click();
}

test('the second import of a bank file takes every category from the rules the first one taught', async ({ page }) => {
  test.setTimeout(900_000);
  await page.setViewportSize(DESKTOP);
  await signIn(page, STAFF, '/expenses/import/rules');
  await expect(page.getByText('No import rules yet')).toBeVisible();
  await screenshotWhole(page, 'import-rules-1-empty-desktop');
  // As a phone opens the page (a window made narrow keeps the desktop's open side menu).
  await page.setViewportSize(PHONE);
  await page.reload();
  await expect(page.getByText('No import rules yet')).toBeVisible();
  await screenshotWhole(page, 'import-rules-1-empty-phone');
  await page.setViewportSize(DESKTOP);
  await page.reload();
  await page.getByRole('link', { name: 'Back to import' }).click();

  // First import: no rule yet, so every payee needs a category, picked once per payee.
  await mapBankFile(page);
  const payees = page.getByRole('list', { name: 'Payees and their categories' }).getByRole('listitem');
  await expect(page.getByText('7 payees need one.')).toBeVisible(WRITES);
  await expect(payees).toHaveCount(7);
  await expect(payees.filter({ hasText: 'No category yet' })).toHaveCount(7);
  await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled();
  for (const [payee, category] of Object.entries(CATEGORY_BY_PAYEE)) {
    await choose(page, page.getByRole('combobox', { name: `Category for ${payee} ${run}` }), exactly(category));
  }
  await expect(payees.filter({ hasText: 'Your choice, remembered after the import' })).toHaveCount(7);
  await expect(page.getByRole('list', { name: 'Rows in the file' })).toContainText('8 ready');
  await page.getByRole('button', { name: 'Import 8 expenses' }).click();
  await expect(page.getByText('Imported 8 expenses')).toBeVisible(WRITES);
  await expect(page.getByText('Your categories by payee were saved as import rules')).toBeVisible();
  // Undone, so that the second import's rows are not duplicates of these.
  await page.getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByText('Import undone: 8 expenses removed; balances are as before.')).toBeVisible(WRITES);
  await page.getByRole('button', { name: 'Import another file' }).click();

  // Second import of the same file: every payee's category comes from its rule, nothing to pick.
  await mapBankFile(page);
  const counts = page.getByRole('list', { name: 'Rows in the file' });
  await expect(counts).toContainText('8 ready', WRITES);
  await expect(counts).toContainText('0 with problems');
  await expect(payees).toHaveCount(7);
  for (const [payee, category] of Object.entries(CATEGORY_BY_PAYEE)) {
    const item = payees.filter({ hasText: `${payee} ${run}` });
    await expect(item).toContainText(`Category from rule ‘${payee.toLowerCase()} ${run}’ → ${category}`);
  }
  await expect(page.getByText(/payees? needs? one/)).toHaveCount(0);
  await screenshotWhole(page, 'import-rules-2-second-review-desktop');
  await page.getByRole('button', { name: 'Import 8 expenses' }).click();
  await expect(page.getByText('Imported 8 expenses')).toBeVisible(WRITES);
  const written = await liveExpensesOf(run);
  expect(written.map((d) => [d.get('payee'), d.get('categoryId')]).sort()).toEqual(
    usBankExpenses(run)
      .map((e) => [e.payee, CATEGORY_IDS[CATEGORY_BY_PAYEE[e.payee.slice(0, -run.length - 1)]!]])
      .sort(),
  );

  // The rules page lists what was learned; one is edited, one deleted.
  await page.goto('/expenses/import/rules');
  const rules = page.getByRole('list', { name: 'Import rules, in the order they apply' }).getByRole('listitem');
  await expect(rules).toHaveCount(7);
  await expect(rules.filter({ hasText: `“check 1042 ${run}”` })).toContainText('Payee is exactly');
  await expect(rules.filter({ hasText: `“check 1042 ${run}”` })).toContainText('→ Rent');
  await page.getByRole('button', { name: `Edit the rule for check 1042 ${run}` }).click();
  await expect(page.getByRole('heading', { name: `Edit the rule for “check 1042 ${run}”` })).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: 'Category' }), exactly('Wages'));
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.filter({ hasText: `“check 1042 ${run}”` })).toContainText('→ Wages');
  await expect(page.getByRole('heading', { name: 'Add a rule' })).toBeVisible();

  await page.getByRole('button', { name: `Delete the rule for acme linen service ${run}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`Rule for “acme linen service ${run}” deleted.`)).toBeVisible(WRITES);
  await expect(rules).toHaveCount(6);
  await expect(rules.filter({ hasText: 'acme linen' })).toHaveCount(0);
  // The list shows a change before the database has it: what is stored is read once the page says so.
  const stored = () => withAdminDb(async (db) => (await db.collection('importRules').get()).docs.map((d) => `${d.get('pattern')} → ${d.get('categoryId')}`));
  await expect.poll(stored, WRITES).toContain(`check 1042 ${run} → wages`);
  await expect.poll(stored, WRITES).not.toContain(`acme linen service ${run} → equipment`);
  await screenshotWhole(page, 'import-rules-3-filled-desktop');
  await page.setViewportSize(PHONE);
  await page.reload();
  await expect(rules).toHaveCount(6);
  await screenshotWhole(page, 'import-rules-3-filled-phone');
});
