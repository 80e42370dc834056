import { expect, test, type Page } from '@playwright/test';
import { ADMIN, screenshot, signIn, withAdminDb } from './support';
import { expectAccessible } from './accessibility';

// Two cash registers of one name from before names were unique (written as the old app did: no
// name claim), each with expenses, and a transfer between them. An admin merges them from the
// duplicates banner: one account is left, the pickers show it once, and what the summary reports
// (the balance and the spending by category) is what it was.
const run = `mrg${Date.now().toString(36)}`;
const name = `${run} Cash register`;
const categoryId = `e2e-${run}`;
const categoryName = `Napkins ${run}`;
const today = new Date().toISOString().slice(0, 10);

const account = (openingBalanceMinor: number) => ({
  name,
  type: 'cash',
  currency: 'USD',
  openingBalanceMinor,
  archived: false,
  createdBy: 'demo-staff',
});
const expense = (accountId: string, amountMinor: number) => ({
  accountId,
  categoryId,
  amountMinor,
  currency: 'USD',
  date: today,
  month: today.slice(0, 7),
  payee: `${run} Laundry`,
  note: '',
  tags: [],
  keywords: [],
  deleted: false,
  createdBy: 'demo-staff',
  updatedBy: 'demo-staff',
});

test.beforeAll(() =>
  withAdminDb(async (db) => {
    await db.doc(`categories/${categoryId}`).set({
      name: categoryName,
      colour: '#00897b',
      icon: 'local_laundry_service',
      parentId: null,
      createdBy: 'demo-staff',
    });
    await db.doc(`accounts/${run}-1`).set(account(10_000));
    await db.doc(`accounts/${run}-2`).set(account(2_500));
    await db.doc(`expenses/${run}-e1`).set(expense(`${run}-1`, 1_234));
    await db.doc(`expenses/${run}-e2`).set(expense(`${run}-2`, 766));
    await db.doc(`transfers/${run}-t`).set({
      fromAccountId: `${run}-1`,
      toAccountId: `${run}-2`,
      sentMinor: 500,
      sentCurrency: 'USD',
      receivedMinor: 500,
      receivedCurrency: 'USD',
      date: today,
      month: today.slice(0, 7),
      note: '',
      deleted: false,
      createdBy: 'demo-staff',
    });
  }),
);

// What this run wrote goes again, so reruns do not crowd the pages.
test.afterAll(() =>
  withAdminDb(async (db) => {
    const expenses = await db.collection('expenses').where('categoryId', '==', categoryId).get();
    await Promise.all([
      ...expenses.docs.map((doc) => doc.ref.delete()),
      db.doc(`transfers/${run}-t`).delete(),
      // Deleted, not archived: archived duplicates would still crowd the admins' banner.
      db.doc(`accounts/${run}-1`).delete(),
      db.doc(`accounts/${run}-2`).delete(),
      db.doc(`categories/${categoryId}`).delete(),
    ]);
  }),
);

const cards = (page: Page) =>
  page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: name });
const dollars = (text: string) =>
  Number(/\$([\d,]+\.\d\d)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);

/** The banner lists 3 names until "Show all": other runs' duplicates may come first. */
async function duplicatesBanner(page: Page) {
  const banner = page.getByRole('region', { name: 'Duplicate account names' });
  await expect(banner).toBeVisible();
  const more = banner.getByRole('button', { name: /^Show all/ });
  if (await more.isVisible()) await more.click();
  return banner;
}

/** The balances of this run's accounts and its category's spending, as the Summary tab shows them. */
async function summaryFigures(page: Page): Promise<{ balance: number; spending: string }> {
  await page.getByRole('tab', { name: 'Summary' }).click();
  const rows = page
    .getByRole('table', { name: 'Balances in USD' })
    .getByRole('row', { name: new RegExp(name) });
  // Balances are worked out on the server (aggregations): the busy shared emulator may take a while.
  await expect
    .poll(
      async () => {
        const texts = await rows.allInnerTexts();
        return texts.length > 0 && texts.every((text) => /\$[\d,]+\.\d\d/.test(text));
      },
      { timeout: 120_000 },
    )
    .toBe(true);
  const balances = await rows.allInnerTexts();
  const byCategory = page
    .getByRole('table', { name: /^Spending by category in USD/ })
    .getByRole('row', { name: new RegExp(categoryName) });
  return {
    balance: balances.reduce((sum, text) => sum + dollars(text), 0),
    spending: (await byCategory.innerText()).trim(),
  };
}

test.describe('merging duplicate accounts', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('an admin merges two cash registers of one name; one is left, the pickers show it once, the summary is unchanged', async ({
    page,
  }) => {
    test.setTimeout(480_000);
    await signIn(page, ADMIN, '/expenses/summary');
    const before = await summaryFigures(page);
    // 100.00 + 25.00 opening, 12.34 + 7.66 spent; the transfer between them moves nothing in total.
    expect(before.balance).toBeCloseTo(105, 2);
    expect(before.spending).toContain('$20.00');

    await page.getByRole('tab', { name: 'Accounts' }).click();
    await expect(cards(page)).toHaveCount(2);
    // The dialog names each choice with its balance: open it once both are worked out.
    for (const card of await cards(page).all()) {
      await expect(card.locator('.amount')).toContainText('Balance $', { timeout: 120_000 });
    }
    const banner = await duplicatesBanner(page);
    const group = banner
      .getByRole('listitem')
      .filter({ hasText: `2 accounts share the name “${name}” (USD)` });
    await expect(group).toBeVisible();
    await screenshot(page, 'merge-duplicates-banner');

    await group.getByRole('button', { name: `Merge the 2 named ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge duplicates' });
    await expect(dialog).toContainText('Choose the account that stays');
    await expect(dialog).toContainText('their opening balances are added to its own');
    await expect(dialog.getByRole('button', { name: 'Merge into the chosen one' })).toBeDisabled();
    await expectAccessible(page, 'Merge duplicates dialog');
    // Each choice says its balance: 100.00 − 12.34 − 5.00 and 25.00 − 7.66 + 5.00.
    await expect(dialog.getByRole('radio', { name: /balance USD 82\.66/ })).toBeVisible();
    await dialog.getByRole('radio', { name: /balance USD 22\.34/ }).check();
    await screenshot(page, 'merge-duplicates-dialog');
    await dialog.getByRole('button', { name: 'Merge into the chosen one' }).click();
    await expect(dialog).toBeHidden({ timeout: 180_000 });
    await expect(
      page.getByText(`Merged 2 accounts named “${name}” into one: 1 expense moved.`),
    ).toBeVisible();

    await expect(cards(page)).toHaveCount(1);
    await expect(cards(page).locator('.amount')).toHaveText('Balance $105.00', {
      timeout: 120_000,
    });
    await expect(group).toBeHidden();

    // The expense dialog's account picker lists it once.
    await page.getByRole('tab', { name: 'Expenses' }).click();
    await page.getByRole('button', { name: 'New expense' }).first().click();
    const expenseDialog = page.getByRole('dialog', { name: 'New expense' });
    await expenseDialog.getByRole('combobox', { name: 'Account' }).click();
    await expect(page.getByRole('option', { name: new RegExp(name) })).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expenseDialog.getByRole('button', { name: 'Cancel' }).click();

    expect(await summaryFigures(page)).toEqual(before);

    // The log shows the merge as one unit, in words.
    await page.goto('/activity?action=ACCOUNTS_MERGED');
    const head = page
      .locator('.entry')
      .filter({ hasText: 'Duplicate accounts merged' })
      .filter({ hasText: name })
      .first();
    await expect(head).toContainText('1 expense moved; 1 transfer between them removed', {
      timeout: 120_000,
    });
    await expect(head).toContainText('Opening balance');
  });
});

test.describe('merge dialog on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the banner and the dialog fit at 390 px', async ({ page }) => {
    const pair = `${run}p`;
    await withAdminDb(async (db) => {
      await db.doc(`accounts/${pair}-1`).set({ ...account(0), name: `${pair} Till` });
      await db.doc(`accounts/${pair}-2`).set({ ...account(0), name: `${pair} till` });
    });
    try {
      await signIn(page, ADMIN, '/expenses/accounts');
      const group = (await duplicatesBanner(page))
        .getByRole('listitem')
        .filter({ hasText: `${pair} Till` });
      await group.getByRole('button', { name: /^Merge the 2/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Merge duplicates' });
      await expect(dialog.getByRole('radio')).toHaveCount(2);
      const box = await dialog.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      await screenshot(page, 'merge-duplicates-dialog-phone');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await screenshot(page, 'merge-duplicates-banner-phone');
    } finally {
      await withAdminDb((db) =>
        Promise.all([db.doc(`accounts/${pair}-1`).delete(), db.doc(`accounts/${pair}-2`).delete()]),
      );
    }
  });
});
