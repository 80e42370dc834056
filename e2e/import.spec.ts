import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'papaparse';
import { STAFF, screenshot, signIn, withAdminDb } from './support';

// Imports go through the real stepper, orchestrator, BatchOperation and rules. Every file is made
// here, with this run's own word in each payee, so the checks count only this run's rows.
const run = `imp${Date.now().toString(36)}`;
const HEADER = 'date,amount,currency,account,category,payee,note,tags';
const ACCOUNTS = ['Cash register', 'Business checking', 'Company card'];
const CATEGORIES = ['Ingredients › Produce', 'Utilities', 'Rent', 'Ingredients'];

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });

/** Rows as the list page exports them (dates in 2024, away from this month's views). */
function exportCsv(count: number, word: string, change?: (i: number, cells: string[]) => void): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const date = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const cells = [date, ((i % 400) + 1 + 0.25).toFixed(2), 'USD', ACCOUNTS[i % 3]!, CATEGORIES[i % 4]!, `${word} Supplier ${i}`, i % 5 ? '' : 'weekly order, "fresh"', 'import;e2e'];
    change?.(i, cells);
    lines.push(cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  }
  return Buffer.from(lines.join('\r\n'));
}

/** This run's expenses in the emulator, counted with the admin SDK. */
const expensesOf = (word: string) =>
  withAdminDb(async (db) => (await db.collection('expenses').where('keywords', 'array-contains', word).get()).size);

/** Screenshots wait for the stepper's slide to end (endless animations, like spinners, excepted). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
}

async function openImport(page: Page): Promise<void> {
  await signIn(page, STAFF, '/expenses/import');
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
}

async function upload(page: Page, name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
  await page.getByLabel('CSV file to import').setInputFiles({ name, mimeType, buffer });
}

test.describe('expense import', () => {
  test.afterAll(async () => {
    test.setTimeout(180_000); // hundreds of deletes; a busy emulator takes its time
    await withAdminDb(async (db) => {
      const docs = (await db.collection('expenses').where('keywords', 'array-contains', run).get()).docs;
      for (let i = 0; i < docs.length; i += 500) {
        const batch = db.batch();
        docs.slice(i, i + 500).forEach((d) => batch.delete(d.ref));
        await batch.commit();
      }
    });
  });

  test('staff import 500 exported rows through the stepper and find them in the list', async ({ page }) => {
    test.setTimeout(90_000);
    const word = `${run}ok`;
    await openImport(page);
    await screenshot(page, 'import-1-empty');

    const uploaded = exportCsv(500, word);
    await upload(page, 'march-export.csv', uploaded);
    await expect(page.getByRole('status').filter({ hasText: 'march-export.csv' })).toContainText('500 rows · 8 columns · comma-separated, with a header row.');
    await settled(page);
    await screenshot(page, 'import-1-uploaded');
    await page.getByRole('button', { name: 'Next: map the columns' }).click();

    // The export maps itself: nothing to change.
    const preview = page.getByRole('table', { name: /Preview/ });
    await expect(preview.locator('tbody tr')).toHaveCount(10);
    await expect(preview.locator('tbody tr').first()).toContainText('Ingredients › Produce');
    await expect(preview.locator('tbody tr').first()).toContainText('$1.25');
    await expect(preview.getByText('Ready')).toHaveCount(10);
    await settled(page);
    await screenshot(page, 'import-2-mapping');
    await page.getByRole('button', { name: 'Next: review' }).click();

    await expect(page.getByRole('list', { name: 'Rows in the file' })).toContainText('500 ready');
    await expect(page.getByText('500 expenses will be imported, all or nothing.')).toBeVisible();
    await settled(page);
    await screenshot(page, 'import-3-review');
    await page.getByRole('button', { name: 'Import 500 expenses' }).click();

    await expect(page.getByRole('progressbar').first()).toBeVisible();
    await settled(page);
    await screenshot(page, 'import-4-progress');
    await expect(page.getByText('Imported 500 expenses')).toBeVisible({ timeout: 60_000 });
    await settled(page);
    await screenshot(page, 'import-4-done');
    expect(await expensesOf(word)).toBe(500);

    await page.goto(`/expenses?q=${word}`);
    await expect(page.getByText('500 expenses match')).toBeVisible();
    await screenshot(page, 'import-5-list');

    // Export them back: the same 500 rows, cell for cell (the export is newest first).
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const exported = await readFile(await (await download).path(), 'utf8');
    const rowsOf = (text: string) => {
      const csv = parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
      expect(csv.errors).toEqual([]);
      expect(csv.meta.fields).toEqual(HEADER.split(','));
      return csv.data.sort((a, b) => a['payee']!.localeCompare(b['payee']!));
    };
    const back = rowsOf(exported);
    expect(back.length).toBe(500);
    expect(back).toEqual(rowsOf(uploaded.toString('utf8')));
  });

  test('a file with a bad row names the row and the reason, and imports nothing', async ({ page }) => {
    const word = `${run}bad`;
    await openImport(page);
    const csv = exportCsv(30, word, (i, cells) => {
      if (i === 2) cells[3] = `Petty cash ${run}`; // row 4 of the file (the header is row 1)
      if (i === 20) cells[1] = '8.0.0'; // row 22
    });
    await upload(page, 'bad-rows.csv', csv);
    await page.getByRole('button', { name: 'Next: map the columns' }).click();
    await page.getByRole('button', { name: 'Next: review' }).click();

    await expect(page.getByText('2 rows have problems. Fix them in the file')).toBeVisible();
    const problems = page.getByRole('list', { name: 'Rows with problems' }).getByRole('listitem');
    await expect(problems).toHaveCount(2);
    await expect(problems.nth(0)).toContainText('Row 4');
    await expect(problems.nth(0)).toContainText(`Unknown account “Petty cash ${run}”: no account has that name.`);
    await expect(problems.nth(1)).toContainText('Row 22');
    await expect(problems.nth(1)).toContainText('The amount “8.0.0” is not a number in USD written like 1,234.56.');
    await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download these rows' }).click();
    expect((await download).suggestedFilename()).toBe('bad-rows-problems.csv');
    await settled(page);
    await screenshot(page, 'import-3-problems');
    expect(await expensesOf(word)).toBe(0);
  });

  test('a file that is not a CSV gets a clear message, whatever its name', async ({ page }) => {
    await openImport(page);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await upload(page, 'receipts.csv', png);
    await expect(page.getByRole('alert')).toContainText('This file is not a CSV: it looks like a binary file');
    await expect(page.getByRole('button', { name: 'Next: map the columns' })).toBeDisabled();
    await settled(page);
    await screenshot(page, 'import-1-not-csv');

    await upload(page, 'notes.txt', Buffer.from('Dear supplier\nplease find the invoice attached\n'), 'text/plain');
    await expect(page.getByRole('alert')).toContainText('This file is not a CSV: no column separator');
  });
});
