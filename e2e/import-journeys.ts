import { expect, type Locator, type Page } from '@playwright/test';
import { US_BANK } from '../src/testing/fixtures/bank-files';
import { screenshot, withAdminDb } from './support';

// What the import journeys (undo, rules) share: the US bank file made this run's own, an account
// of their own (so a balance is theirs alone), and the clean-up behind them.

/** Screenshots wait for the stepper's slide to end (endless animations, like spinners, excepted). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
}

/**
 * How long an import or an undo may take to answer: the shared emulator, busy with other suites,
 * has taken over a minute for a few rows. A limit to wait, not a measure.
 */
export const WRITES = { timeout: 180_000 };

/**
 * A screenshot of the whole screen: the shell scrolls inside the page, so a full-page shot stops
 * at the window; the window is made as tall as what scrolls for the shot, then put back.
 */
export async function screenshotWhole(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const hidden = await page.evaluate(() =>
    Math.max(0, ...[...document.querySelectorAll('*')].filter((e) => /auto|scroll/.test(getComputedStyle(e).overflowY)).map((e) => e.scrollHeight - e.clientHeight)),
  );
  if (hidden > 0) await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + hidden, 5000) });
  await settled(page);
  await screenshot(page, name);
  if (hidden > 0) await page.setViewportSize(viewport);
}

/**
 * Picks an option of a Material select. The click goes to its field, as a person's does: an empty
 * field shows its label over the select, and a click on the label opens the select too.
 */
export async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.locator('xpath=ancestor::div[contains(@class, "mat-mdc-text-field-wrapper")][1]').click();
  await page.getByRole('option', { name: option }).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

/**
 * The US bank export (payments negative, 3 deposits and refunds) with `word` after every payee, so
 * its rows are this run's only (no duplicates of another run), and `extraLines` after the header.
 */
export function usBankFile(word: string, extraLines: readonly string[] = []): Buffer {
  const [header, ...rows] = US_BANK.text.replace(/"([^"]+)"/g, `"$1 ${word}"`).split('\r\n');
  return Buffer.from([header, ...extraLines, ...rows].join('\r\n'));
}

/** The file's expenses as the import must read them (payee with this run's word). */
export const usBankExpenses = (word: string) => US_BANK.expenses.map((e) => ({ ...e, payee: `${e.payee} ${word}` }));

/** The balance an account card shows on the accounts page. */
export const balanceOf = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: name }).locator('.amount');

/** Expenses whose payee or note holds `word`, still in the books (not deleted). */
export const liveExpensesOf = (word: string) =>
  withAdminDb(async (db) => (await db.collection('expenses').where('keywords', 'array-contains', word).where('deleted', '==', false).get()).docs);

/** The import that wrote `word`'s expenses (its id is the app's own, not shown on the screens). */
export const importIdOf = (word: string) =>
  withAdminDb(async (db) => {
    const docs = (await db.collection('expenses').where('keywords', 'array-contains', word).limit(1).get()).docs;
    return String(docs[0]?.get('importId'));
  });

/**
 * Removes the run's expenses and rules and archives its accounts (as accounts.spec does: the
 * activity log keeps its entries, which the API seals).
 */
export async function cleanUp(run: string, accountIds: readonly string[]): Promise<void> {
  await withAdminDb(async (db) => {
    const expenses = (await db.collection('expenses').where('keywords', 'array-contains', run).get()).docs;
    const rules = (await db.collection('importRules').get()).docs.filter((d) => String(d.get('pattern')).includes(run));
    const docs = [...expenses, ...rules];
    for (let i = 0; i < docs.length; i += 400) {
      const batch = db.batch();
      docs.slice(i, i + 400).forEach((d) => batch.delete(d.ref));
      await batch.commit();
    }
    await Promise.all(accountIds.map((id) => db.doc(`accounts/${id}`).set({ archived: true }, { merge: true })));
  });
}
