import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'papaparse';
import { ADMIN, STAFF, seedAccount, signIn } from './support';
import { balanceOf, choose, cleanUp, importIdOf, liveExpensesOf, screenshotWhole, usBankExpenses, usBankFile, WRITES } from './import-journeys';

// Files with a few bad rows: import the good ones, see them in the list and in the balance, undo
// the whole import (from the run step, or as an admin from the activity log), and they are gone.
// Real stepper, orchestrators, BatchOperation and rules.
const run = `undo${Date.now().toString(36)}`;
const HEADER = 'date,amount,currency,account,category,payee,note,tags';
const DEVICES = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const;
const accountIds: string[] = [];

/** `count` rows in the export's shape (no sign to choose); `bad` rows of the file 4 and 9. */
function exportFile(word: string, count: number, bad: boolean): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const account = bad && i === 2 ? `Petty cash ${run}` : 'Cash register';
    const amount = bad && i === 7 ? '8.0.0' : `${i + 1}.25`;
    lines.push(`2024-05-${String(i + 1).padStart(2, '0')},${amount},USD,${account},Rent,${word} Supplier ${i},,undo-e2e`);
  }
  return Buffer.from(lines.join('\r\n'));
}

const liveCount = async (word: string) => (await liveExpensesOf(word)).length;

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel('CSV file to import').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: 'Next: map the columns' }).click();
  // The mapping shows once accounts and categories have loaded; Next does nothing before.
  await expect(page.getByRole('table', { name: /^Preview/ })).toBeVisible();
}

/**
 * Holds the commit that writes the import's "imported" entry until `release`, so Cancel can be
 * pressed while it is on its way: no timing involved. `held` resolves once it is being held.
 */
async function holdImportCommit(page: Page): Promise<{ held: Promise<void>; release: () => void }> {
  let release!: () => void;
  let onHeld!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  await page.route('**/google.firestore.v1.Firestore/Write/channel**', async (route) => {
    if (route.request().method() === 'POST' && route.request().postData()?.includes('EXPENSES_IMPORTED')) {
      onHeld();
      await released;
    }
    await route.continue();
  });
  return { held, release };
}

test.describe('import the good rows, then undo the import', () => {
  test.afterAll(() => cleanUp(run, accountIds));

  for (const [device, viewport] of DEVICES) {
    test(`upload → review → import the 10 good rows → in the list → undo → gone (${device})`, async ({ page, context }) => {
      test.setTimeout(480_000);
      await page.setViewportSize(viewport);
      const word = `${run}${device}`;
      await signIn(page, STAFF, '/expenses/import');
      await upload(page, 'may.csv', exportFile(word, 12, true));
      await page.getByRole('button', { name: 'Next: review' }).click();

      await expect(page.getByText('2 rows have problems. Fix them in the file')).toBeVisible(WRITES);
      await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled();
      await page.getByText('Import the 10 good rows, skip 2').click();
      await expect(page.getByText('10 expenses will be imported, all or nothing. 2 rows with problems are skipped.')).toBeVisible();
      await screenshotWhole(page, `import-undo-1-review-${device}`);

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download skipped rows' }).click();
      expect((await download).suggestedFilename()).toBe('may-skipped.csv');
      const skipped = parse<string[]>(await readFile(await (await download).path(), 'utf8'), { skipEmptyLines: true }).data;
      expect(skipped[0]).toEqual(['row', 'problems', ...HEADER.split(',')]);
      expect(skipped.slice(1).map((row) => [row[0], row[1]])).toEqual([
        ['4', expect.stringContaining(`Unknown account “Petty cash ${run}”`)],
        ['9', expect.stringMatching(/^The amount “8\.0\.0” is not a number/)],
      ]);
      expect(skipped[2]?.slice(2)).toEqual(['2024-05-08', '8.0.0', 'USD', 'Cash register', 'Rent', `${word} Supplier 7`, '', 'undo-e2e']);

      await page.getByRole('button', { name: 'Import 10 expenses' }).click();
      await expect(page.getByText('Imported 10 expenses')).toBeVisible(WRITES);
      expect(await liveCount(word)).toBe(10);

      const list = await context.newPage();
      await list.setViewportSize(viewport);
      await list.goto(`/expenses?q=${word}`);
      const listed = list.getByRole('table', { name: 'Expenses' }).getByRole('row').filter({ hasText: word });
      await expect(listed).toHaveCount(10);

      await page.getByRole('button', { name: 'Undo import' }).click();
      await expect(page.getByText('Import undone: 10 expenses removed; balances are as before.')).toBeVisible(WRITES);
      await expect(page.getByRole('button', { name: 'Undo import' })).toHaveCount(0);
      await screenshotWhole(page, `import-undo-2-undone-${device}`);
      expect(await liveCount(word)).toBe(0);

      await list.reload();
      await expect(list.getByText('Nothing matches these filters')).toBeVisible();
      await expect(listed).toHaveCount(0);
    });

    test(`a US bank file: payments are negative → review → import the 8 good rows → an admin undoes it in the activity log (${device})`, async ({ page, context, browser }) => {
      test.setTimeout(600_000);
      await page.setViewportSize(viewport);
      const word = `${run}b${device[0]}`;
      const account = { id: `${word}-checking`, name: `Checking ${word}` };
      accountIds.push(account.id);
      await seedAccount({ ...account, openingBalanceMinor: 1_000_000 });
      // Two rows a spreadsheet broke: an unquoted thousands separator, and an amount that is no number.
      const split = `DEBIT,03/12/2026,"FARMERS MARKET ${word}",-1,234.00,DEBIT_CARD,11200.06,,`;
      const typo = `DEBIT,03/12/2026,"CORNER BAKERY ${word}",-12.3.4,DEBIT_CARD,11187.70,,`;

      await signIn(page, STAFF, '/expenses/import');
      await upload(page, 'Chase1234_Activity.CSV', usBankFile(word, [split, typo]));
      const preview = page.getByRole('table', { name: /^Preview/ });
      const sysco = preview.getByRole('row', { name: /SYSCO FOODS 0316/ });
      const refund = preview.getByRole('row', { name: /RESTAURANT DEPOT REFUND/ });
      await choose(page, page.getByRole('combobox', { name: 'Account of every row' }), new RegExp(`^${account.name}`));
      await choose(page, page.getByRole('combobox', { name: 'Category of every row' }), /^Ingredients$/);
      // Read as a spreadsheet, the deposits would be the expenses: the preview shows it before anything is sent.
      await choose(page, page.getByRole('combobox', { name: 'Expenses and money in' }), /^Expenses are positive/);
      await expect(sysco).toContainText('Skipped: money in');
      await expect(refund).toContainText('Ready');
      await choose(page, page.getByRole('combobox', { name: 'Expenses and money in' }), /^Payments are negative/);
      await expect(sysco).toContainText('$2,018.44');
      await expect(sysco).toContainText('Ready');
      await expect(refund).toContainText('Skipped: money in');
      await expect(preview.getByRole('row', { name: /FARMERS MARKET/ })).toContainText(split);
      await screenshotWhole(page, `import-undo-bank-1-mapping-${device}`);

      await page.getByRole('button', { name: 'Next: review' }).click();
      const counts = page.getByRole('list', { name: 'Rows in the file' });
      await expect(counts).toContainText('13 rows in the file', WRITES);
      await expect(counts).toContainText('8 ready');
      await expect(counts).toContainText('2 with problems');
      await expect(counts).toContainText('3 deposits and refunds skipped');
      const problems = page.getByRole('list', { name: 'Rows with problems' }).getByRole('listitem');
      await expect(problems).toHaveCount(2);
      await expect(problems.nth(0)).toContainText('Row 2');
      await expect(problems.nth(0)).toContainText(split);
      await expect(problems.nth(1)).toContainText('Row 3');
      await expect(problems.nth(1)).toContainText('The amount “-12.3.4” is not a number');
      // A payee's own category, on top of the mapping's default.
      await choose(page, page.getByRole('combobox', { name: `Category for WASTE MANAGEMENT INC ${word}` }), /^Utilities$/);
      await page.getByText('Import the 8 good rows, skip 2').click();
      await expect(page.getByText('8 expenses will be imported, all or nothing. 2 rows with problems are skipped.')).toBeVisible();
      await screenshotWhole(page, `import-undo-bank-2-review-${device}`);

      await page.getByRole('button', { name: 'Import 8 expenses' }).click();
      await expect(page.getByText('Imported 8 expenses')).toBeVisible(WRITES);
      await expect(page.getByRole('button', { name: 'Undo import' })).toBeVisible();
      await screenshotWhole(page, `import-undo-bank-3-imported-${device}`);
      const written = await liveExpensesOf(word);
      expect(written.map((d) => [d.get('date'), d.get('payee'), d.get('amountMinor')]).sort()).toEqual(
        usBankExpenses(word).map((e) => [e.date, e.payee, e.amountMinor]).sort(),
      );
      expect(written.filter((d) => d.get('categoryId') === 'utilities').map((d) => d.get('payee'))).toEqual([`WASTE MANAGEMENT INC ${word}`]);

      const accounts = await context.newPage();
      await accounts.setViewportSize(viewport);
      await accounts.goto('/expenses/accounts');
      // 10,000.00 opening − 5,974.58 of payments; the deposits are not expenses.
      await expect(balanceOf(accounts, account.name)).toHaveText('Balance $4,025.42', WRITES);

      // An admin, in the activity log: the import is one unit with its undo.
      const adminContext = await browser.newContext({ viewport });
      const admin = await adminContext.newPage();
      await signIn(admin, ADMIN, `/activity?subjectType=import&subjectId=${await importIdOf(word)}`);
      const entries = admin.getByRole('list', { name: 'Activity entries' }).locator(':scope > li');
      const imported = entries.filter({ hasText: 'Expenses imported' });
      await expect(entries).toHaveCount(1, WRITES);
      await expect(imported).toContainText('by Sam Staff');
      await expect(imported).toContainText('One commit');
      await screenshotWhole(admin, `import-undo-bank-4-activity-${device}`);
      await imported.getByRole('button', { name: 'Undo import' }).click();
      await expect(imported).toContainText('Remove the 8 expenses of this import? Balances go back to before it.');
      await imported.getByRole('button', { name: 'Undo import' }).click();
      await expect(imported).toContainText('Import undone: 8 expenses removed.', WRITES);
      expect(await liveCount(word)).toBe(0);
      // Loaded again, the undo is an entry of its own and the import says it is undone, with no second undo.
      await admin.reload();
      await expect(entries).toHaveCount(2, WRITES);
      await expect(entries.first()).toContainText('Expenses import undone');
      await expect(imported).toContainText('Undone');
      await expect(admin.getByRole('button', { name: 'Undo import' })).toHaveCount(0);
      await screenshotWhole(admin, `import-undo-bank-5-activity-undone-${device}`);
      await adminContext.close();

      await accounts.reload();
      await expect(balanceOf(accounts, account.name)).toHaveText('Balance $10,000.00', WRITES);
    });

    test(`Cancel pressed while the last rows are being saved: says it came too late and offers the undo (${device})`, async ({ page }) => {
      test.setTimeout(480_000);
      await page.setViewportSize(viewport);
      const word = `${run}late${device[0]}`;
      await signIn(page, STAFF, '/expenses/import');
      await upload(page, 'june.csv', exportFile(word, 5, false));
      await page.getByRole('button', { name: 'Next: review' }).click();

      const commit = await holdImportCommit(page);
      await page.getByRole('button', { name: 'Import 5 expenses' }).click();
      await commit.held;
      await page.getByRole('button', { name: 'Cancel import' }).click();
      await expect(page.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
      commit.release();

      await expect(page.getByText('The import had already finished: 5 expenses imported')).toBeVisible(WRITES);
      await expect(page.getByText('Cancel came after the last rows were saved, so nothing was cancelled. Undo the import to remove them all.')).toBeVisible();
      expect(await liveCount(word)).toBe(5);
      await screenshotWhole(page, `import-undo-late-cancel-${device}`);

      await page.getByRole('button', { name: 'Undo import' }).click();
      await expect(page.getByText('Import undone: 5 expenses removed; balances are as before.')).toBeVisible(WRITES);
      expect(await liveCount(word)).toBe(0);
    });
  }
});
