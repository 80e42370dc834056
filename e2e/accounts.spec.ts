import { expect, test } from '@playwright/test';
import { STAFF, screenshot, signIn } from './support';

test.describe('accounts', () => {
  test('staff create an account and see it in the list at once', async ({ page }) => {
    const name = `Fridge fund ${Date.now()}`;
    await signIn(page, STAFF, '/expenses');
    await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('Business checking'); // seeded

    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    // Keyboard users start typing the name at once (and the dialog's focus must settle first).
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Opening balance').fill('1,250.00');
    await screenshot(page, 'new-account-dialog');
    await dialog.getByRole('button', { name: 'Create account' }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Account “${name}” created.`)).toBeVisible();
    const item = page.getByRole('listitem').filter({ hasText: name });
    await expect(item).toContainText('$1,250.00');
    await screenshot(page, 'expenses-accounts');
  });

  test('the form says what is wrong and sends nothing until it is right', async ({ page }) => {
    await signIn(page, STAFF, '/expenses');
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
