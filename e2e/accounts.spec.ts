import { expect, test, type Page } from '@playwright/test';
import { OPENING_BALANCE_ADMIN_ONLY } from '../contracts/expenses';
import { ADMIN, STAFF, screenshot, seedAccount, signIn, withAdminDb } from './support';
import { expectAccessible } from './accessibility';

// Accounts this run creates start with its own word; they are archived at the end (an admin SDK
// write, as the seed does), so reruns do not crowd the page. Only the first journey creates its
// account through the dialog; the others start from one written as the app writes it (seedAccount).
const run = `acc${Date.now().toString(36)}`;

test.use({ viewport: { width: 1280, height: 800 } });

test.afterAll(() =>
  withAdminDb(async (db) => {
    const mine = await db.collection('accounts').where('name', '>=', run).where('name', '<', `${run}\uf8ff`).get();
    await Promise.all(mine.docs.map((doc) => doc.ref.update({ archived: true })));
  }),
);

async function createAccount(page: Page, name: string, opening: string): Promise<void> {
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  // Keyboard users start typing the name at once (and the dialog's focus must settle first).
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Opening balance').fill(opening);
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Account “${name}” created.`)).toBeVisible();
}

const card = (page: Page, name: string) => page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: name });

test.describe('accounts', () => {
  test('staff create an account and see its derived balance, with totals per currency', async ({ page }) => {
    const name = `${run} Fridge fund`;
    await signIn(page, STAFF, '/expenses/accounts');
    await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('Business checking'); // seeded
    await expect(page.getByRole('region', { name: 'Totals per currency' })).toContainText(/USD\s[\d,]+\.\d\d across \d+ accounts/);

    await createAccount(page, name, '1,250.00');
    const item = card(page, name);
    // No expenses yet: the derived balance is the opening balance.
    await expect(item.locator('.amount')).toHaveText('Balance $1,250.00');
    await expect(item).toContainText('Opening balance $1,250.00');
    await expect(item).toContainText('Bank account · USD');
    await screenshot(page, 'expenses-accounts');
  });

  test('staff rename an account; the currency stays, the opening balance is the admins\' to change', async ({ page, browser }) => {
    const name = `${run} Petty cash`;
    await seedAccount({ id: `${run}-petty`, name, openingBalanceMinor: 10_000 });
    await signIn(page, STAFF, '/expenses/accounts');

    await card(page, name).getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await expectAccessible(page, 'Edit account dialog');
    await expect(dialog.getByLabel('Currency')).toHaveValue('USD');
    await expect(dialog.getByLabel('Currency')).not.toBeEditable();
    await expect(dialog).toContainText('Fixed: its expenses and transfers are in USD');
    await expect(dialog.getByLabel('Opening balance')).toHaveValue('100.00');
    // Said before trying, not refused after: the field is disabled and says why.
    await expect(dialog.getByLabel('Opening balance')).toBeDisabled();
    await expect(dialog).toContainText(OPENING_BALANCE_ADMIN_ONLY);

    await dialog.getByLabel('Name').fill(`${name} (bar)`);
    await screenshot(page, 'edit-account-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Account “${name} (bar)” saved.`)).toBeVisible();
    await expect(card(page, `${name} (bar)`)).toContainText('Opening balance $100.00');

    // An admin corrects the opening balance; the staff member's screen follows.
    const admin = await browser.newPage();
    await signIn(admin, ADMIN, '/expenses/accounts');
    await card(admin, `${name} (bar)`).getByRole('button', { name: `Actions for ${name} (bar)` }).click();
    await admin.getByRole('menuitem', { name: 'Edit' }).click();
    const adminDialog = admin.getByRole('dialog', { name: 'Edit account' });
    // Typed before the dialog's focus settles, 'abc' can land in the Name field it then focuses.
    await expect(adminDialog.getByLabel('Name')).toBeFocused();
    await adminDialog.getByLabel('Opening balance').fill('abc');
    await adminDialog.getByRole('button', { name: 'Save' }).click();
    await expect(adminDialog.getByText('Enter an amount like 1,250.00.')).toBeVisible();
    await adminDialog.getByLabel('Opening balance').fill('150.50');
    await adminDialog.getByRole('button', { name: 'Save' }).click();
    await expect(adminDialog).toBeHidden();
    await admin.close();
    const renamed = card(page, `${name} (bar)`);
    await expect(renamed.locator('.amount')).toHaveText('Balance $150.50');
    await expect(renamed).toContainText('Opening balance $150.50');
  });

  test('a name in use, in any case or spacing, is refused on the Name field; another currency may share it', async ({ page }) => {
    const name = `${run} Float`;
    await seedAccount({ id: `${run}-float`, name, openingBalanceMinor: 0 });
    await signIn(page, STAFF, '/expenses/accounts');

    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await dialog.getByLabel('Name').fill(`${run}   FLOAT `);
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(dialog.getByText(`An account named “${name}” in USD already exists.`)).toBeVisible();
    await screenshot(page, 'new-account-name-taken');

    await dialog.getByLabel('Currency').fill('EUR');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(dialog).toBeHidden();
    await expect(card(page, name).filter({ hasText: 'EUR' })).toContainText(`${run} FLOAT`);
  });

  test('archiving hides an account, Undo brings it back, and archived accounts can be shown', async ({ page }) => {
    const name = `${run} Old till`;
    await seedAccount({ id: `${run}-old-till`, name, openingBalanceMinor: 0 });
    await signIn(page, STAFF, '/expenses/accounts');

    await card(page, name).getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    const snack = page.locator('mat-snack-bar-container').filter({ hasText: `“${name}” archived` });
    await expect(snack).toBeVisible();
    await expect(card(page, name)).toHaveCount(0);
    await snack.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByText(`“${name}” is back in use.`)).toBeVisible();
    await expect(card(page, name)).toBeVisible();

    // Archived for good this time: hidden until "Show archived" is on, then marked as archived.
    await card(page, name).getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    await expect(card(page, name)).toHaveCount(0);
    await page.getByRole('switch', { name: /Show archived/ }).click();
    await expect(card(page, name)).toContainText('Archived');
    await card(page, name).getByRole('button', { name: `Actions for ${name}` }).click();
    await expect(page.getByRole('menuitem', { name: 'Unarchive' })).toBeVisible();
    await page.keyboard.press('Escape');
  });

  test('the new-account form says what is wrong and sends nothing until it is right', async ({ page }) => {
    await signIn(page, STAFF, '/expenses/accounts');
    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await dialog.getByLabel('Currency').fill('US');
    await dialog.getByLabel('Opening balance').fill('12.345');
    await dialog.getByRole('button', { name: 'Create account' }).click();

    await expect(dialog.getByText('Give the account a name')).toBeVisible();
    await expect(dialog.getByText('Use a three-letter code such as USD.')).toBeVisible();
    await expect(dialog.getByText('Enter an amount like 1,250.00.')).toBeVisible();
    await expect(dialog).toBeVisible();

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });
});
