import { expect, test } from '@playwright/test';
import { CATEGORY_DELETE_ADMIN_ONLY } from '../contracts/expenses';
import { ADMIN, STAFF, dialogReady, screenshot, seedAccount, signIn } from './support';
import { expectAccessible } from './accessibility';

test.describe('categories', () => {
  test('staff build a small category tree and edit it; an admin deletes what is unused', async ({ page, browser }) => {
    const run = Date.now().toString(36);
    await signIn(page, STAFF, '/expenses/categories');
    const list = page.getByRole('list', { name: 'Categories' });
    await expect(list).toContainText('Ingredients'); // seeded

    await page.getByRole('button', { name: 'New category' }).click();
    let dialog = page.getByRole('dialog', { name: 'New category' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await expectAccessible(page, 'New category dialog');
    await dialog.getByLabel('Name').fill(`Linen ${run}`);
    await dialog.getByRole('radio', { name: 'Colour #00897b' }).click();
    await dialog.getByRole('radio', { name: 'Icon local_laundry_service' }).click();
    await screenshot(page, 'category-dialog');
    await dialog.getByRole('button', { name: 'Create category' }).click();
    await expect(dialog).toBeHidden();
    await expect(list).toContainText(`Linen ${run}`);

    // A child under it, shown with its path.
    await page.getByRole('button', { name: 'New category' }).click();
    dialog = page.getByRole('dialog', { name: 'New category' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await dialog.getByLabel('Name').fill(`Napkins ${run}`);
    await dialog.getByLabel('Parent').click();
    await page.getByRole('option', { name: `Linen ${run}`, exact: true }).click();
    await dialog.getByRole('button', { name: 'Create category' }).click();
    await expect(list).toContainText(`Linen ${run} › Napkins ${run}`);
    await screenshot(page, 'categories');

    // Rename the child.
    await page.getByRole('button', { name: `Actions for Napkins ${run}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit category' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await dialog.getByLabel('Name').fill(`Serviettes ${run}`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(list).toContainText(`Serviettes ${run}`);

    // Deleting is the admins': staff see Delete disabled with the reason.
    await page.getByRole('button', { name: `Actions for Serviettes ${run}` }).click();
    await expect(page.getByRole('menuitem', { name: `Delete. ${CATEGORY_DELETE_ADMIN_ONLY}` })).toBeDisabled();
    await page.keyboard.press('Escape');

    // An admin: the parent cannot go while its child uses it; the child can.
    const admin = await browser.newPage();
    await signIn(admin, ADMIN, '/expenses/categories');
    await admin.getByRole('button', { name: `Actions for Linen ${run}` }).click();
    await admin.getByRole('menuitem', { name: 'Delete' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(admin.getByText(/has sub-categories/)).toBeVisible();
    await admin.getByRole('button', { name: `Actions for Serviettes ${run}` }).click();
    await admin.getByRole('menuitem', { name: 'Delete' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(admin.getByText(`Category “Serviettes ${run}” deleted.`)).toBeVisible();
    await admin.close();
    await expect(list).not.toContainText(`Serviettes ${run}`);
  });

  test('a nameless category is not sent', async ({ page }) => {
    await signIn(page, STAFF, '/expenses/categories');
    await page.getByRole('button', { name: 'New category' }).click();
    const dialog = page.getByRole('dialog', { name: 'New category' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await dialog.getByRole('button', { name: 'Create category' }).click();
    await expect(dialog.getByText('Give the category a name')).toBeVisible();
  });
});

test.describe('transfers', () => {
  test('staff move money between accounts; across currencies they give the amount received', async ({ page }) => {
    const run = Date.now().toString(36);
    // The accounts are the journey's setting, not its subject (accounts.spec creates them).
    await seedAccount({ id: `till-${run}`, name: `Till ${run}`, openingBalanceMinor: 50_000 });
    await seedAccount({ id: `euro-bank-${run}`, name: `Euro bank ${run}`, currency: 'EUR', openingBalanceMinor: 0 });
    await signIn(page, STAFF, '/expenses/transfers');
    await page.getByRole('button', { name: 'New transfer' }).click();
    let dialog = page.getByRole('dialog', { name: 'New transfer' });
    await dialogReady(dialog);
    await expectAccessible(page, 'New transfer dialog');
    await dialog.getByLabel('From').click();
    await page.getByRole('option', { name: `Till ${run} · USD` }).click();
    await dialog.getByLabel('To').click();
    await page.getByRole('option', { name: 'Business checking · USD' }).click();
    await expect(dialog.getByLabel('Amount received')).toHaveCount(0); // same currency: nothing to ask
    await dialog.getByLabel('Amount sent').fill('120.00');
    await dialog.getByLabel('Note').fill(`Deposit ${run}`);
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: `Deposit ${run}` });
    await expect(row).toContainText(`Till ${run}`);
    await expect(row).toContainText('$120.00');

    await page.getByRole('button', { name: 'New transfer' }).click();
    dialog = page.getByRole('dialog', { name: 'New transfer' });
    await dialog.getByLabel('From').click();
    await page.getByRole('option', { name: `Till ${run} · USD` }).click();
    await dialog.getByLabel('To').click();
    await page.getByRole('option', { name: `Euro bank ${run} · EUR` }).click();
    await dialog.getByLabel('Amount sent').fill('100');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await expect(dialog.getByText('Enter what arrived, in EUR.')).toBeVisible(); // asked, not invented
    await dialog.getByLabel('Amount received').fill('91.40');
    await dialog.getByLabel('Note').fill(`To Europe ${run}`);
    await screenshot(page, 'transfer-dialog-cross-currency');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await expect(dialog).toBeHidden();
    const cross = page.getByRole('row').filter({ hasText: `To Europe ${run}` });
    await expect(cross).toContainText('$100.00');
    await expect(cross).toContainText('€91.40');
    await screenshot(page, 'transfers');

    await cross.getByRole('button', { name: /Delete transfer/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('Transfer deleted.')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: `To Europe ${run}` })).toHaveCount(0);
  });
});
