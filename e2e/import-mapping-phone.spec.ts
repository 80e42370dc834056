import { expect, test } from '@playwright/test';
import { screenshotWhole, settled, usBankFile } from './import-journeys';
import { STAFF, signIn } from './support';

// The mapping's preview on a 390 px phone: each row a card whose status (Ready, skipped, the
// problem with the line as written) is on screen first, nothing to scroll sideways. Nothing is written.
test.use({ viewport: { width: 390, height: 844 } });

test('the mapping preview reads on a phone: status first, no sideways scrolling', async ({
  page,
}) => {
  const word = `map${Date.now().toString(36)}`;
  const split = `DEBIT,03/12/2026,"FARMERS MARKET ${word}",-1,234.00,DEBIT_CARD,11200.06,,`;
  await signIn(page, STAFF, '/expenses/import');
  await page.getByLabel('CSV file to import').setInputFiles({
    name: 'Chase1234_Activity.CSV',
    mimeType: 'text/csv',
    buffer: usBankFile(word, [split]),
  });
  await page.getByRole('button', { name: 'Next: map the columns' }).click();
  const preview = page.getByRole('table', { name: /^Preview/ });
  await expect(preview).toBeVisible();

  const scroller = page.locator('.preview .table-scroll');
  expect(await scroller.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
  const broken = preview.getByRole('row', { name: /FARMERS MARKET/ });
  await expect(broken).toContainText('cells');
  await expect(broken).toContainText(split);
  // No account chosen yet: every row says so, in its status, on screen.
  const sysco = preview.getByRole('row', { name: /SYSCO FOODS/ });
  await expect(sysco.getByRole('cell').nth(4)).toContainText('Choose an account for the rows.');
  // Measured once the stepper's slide has ended.
  await settled(page);
  for (const row of [broken, sysco]) {
    const status = row.getByRole('cell').nth(4);
    const box = (await status.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  // Each value says its column (a label drawn before it, in the cell's accessible name).
  await expect(sysco.getByRole('cell', { name: /^Payee: SYSCO FOODS/ })).toBeVisible();
  await screenshotWhole(page, 'import-mapping-preview-phone');
});
