import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { STAFF, screenshot, signIn, withAdminDb } from './support';

// A file with a few bad rows: import the good ones, see them in the list, undo the whole import
// from the run step, and they are gone. Real stepper, orchestrators, BatchOperation and rules.
const run = `undo${Date.now().toString(36)}`;
const HEADER = 'date,amount,currency,account,category,payee,note,tags';

/** 12 rows in the export's shape (no sign to choose), rows 4 and 9 of the file bad. */
function fileWithBadRows(word: string): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < 12; i++) {
    const account = i === 2 ? `Petty cash ${run}` : 'Cash register';
    const amount = i === 7 ? '8.0.0' : `${i + 1}.25`;
    lines.push(`2024-05-${String(i + 1).padStart(2, '0')},${amount},USD,${account},Rent,${word} Supplier ${i},,undo-e2e`);
  }
  return Buffer.from(lines.join('\r\n'));
}

/** This run's expenses still in the books (not deleted), counted with the admin SDK. */
const liveExpensesOf = (word: string) =>
  withAdminDb(async (db) => (await db.collection('expenses').where('keywords', 'array-contains', word).where('deleted', '==', false).get()).size);

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity));
}

test.describe('import the good rows, then undo the import', () => {
  test.afterAll(async () => {
    await withAdminDb(async (db) => {
      const docs = (await db.collection('expenses').where('keywords', 'array-contains', run).get()).docs;
      const batch = db.batch();
      docs.forEach((d) => batch.delete(d.ref));
      await batch.commit();
    });
  });

  for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    test(`upload → review → import the 10 good rows → in the list → undo → gone (${device})`, async ({ page, context }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      const word = `${run}${device}`;
      await signIn(page, STAFF, '/expenses/import');
      await page.getByLabel('CSV file to import').setInputFiles({ name: 'may.csv', mimeType: 'text/csv', buffer: fileWithBadRows(word) });
      await page.getByRole('button', { name: 'Next: map the columns' }).click();
      await page.getByRole('button', { name: 'Next: review' }).click();

      await expect(page.getByText('2 rows have problems. Fix them in the file')).toBeVisible();
      await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled();
      await page.getByText('Import the 10 good rows, skip 2').click();
      await expect(page.getByText('10 expenses will be imported, all or nothing. 2 rows with problems are skipped.')).toBeVisible();
      await settled(page);
      await screenshot(page, `import-undo-1-review-${device}`);

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download skipped rows' }).click();
      expect((await download).suggestedFilename()).toBe('may-skipped.csv');
      const skipped = (await readFile(await (await download).path(), 'utf8')).split(/\r?\n/);
      expect(skipped[0]).toBe(`row,problems,${HEADER}`);
      expect(skipped[1]).toContain(`4,Unknown account “Petty cash ${run}”`);
      expect(skipped[2]).toMatch(/^9,The amount “8\.0\.0” is not a number/);

      await page.getByRole('button', { name: 'Import 10 expenses' }).click();
      await expect(page.getByText('Imported 10 expenses')).toBeVisible({ timeout: 60_000 });
      expect(await liveExpensesOf(word)).toBe(10);

      const list = await context.newPage();
      await list.setViewportSize(viewport);
      await list.goto(`/expenses?q=${word}`);
      await expect(list.getByText('10 expenses match')).toBeVisible();

      await page.getByRole('button', { name: 'Undo import' }).click();
      await expect(page.getByText('Import undone: 10 expenses removed; balances are as before.')).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole('button', { name: 'Undo import' })).toHaveCount(0);
      await settled(page);
      await screenshot(page, `import-undo-2-undone-${device}`);
      expect(await liveExpensesOf(word)).toBe(0);

      await list.reload();
      await expect(list.getByText('10 expenses match')).toHaveCount(0);
      await expect(list.getByText(/No expense matches|No expenses/).first()).toBeVisible();
    });
  }
});
