// What the shells' browser tests share: Chromium as configured for these machines, a page's
// console problems, and signing in through the prerendered sign-in page of a bench build.
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

const CHROMIUM = createRequire(import.meta.url)('../../../chromium.config.cjs') as { executablePath: string; flags: string[] };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM.executablePath, args: ['--headless', ...CHROMIUM.flags] });
}

/** Console errors and warnings, and uncaught page errors, as they come. */
export function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Signs `who` in through a new page of `context` and waits for the board's orders; the session stays for the context's next pages. */
export async function signInToBoard(context: BrowserContext, url: string, who: { email: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await submitSignIn(page, url, who);
  await page.locator('app-order-card').first().waitFor({ timeout: 60_000 });
  return page;
}

/** Fills and submits the sign-in form; the caller waits for where the app goes next. */
export async function submitSignIn(page: Page, url: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
