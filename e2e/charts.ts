import { expect, type Page } from '@playwright/test';

/** What every chart on the page shows now: one data URL per painted canvas ('' for a blank one). */
function chartPictures(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('canvas')].map((canvas) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return canvas.toDataURL();
      return '';
    }),
  );
}

/** Resolves after `count` animation frames of the page. */
function frames(page: Page, count: number): Promise<void> {
  return page.evaluate(
    (n) => new Promise<void>((resolve) => {
      const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
      step(n);
    }),
    count,
  );
}

/**
 * Switches the colour scheme and waits until the charts show it: each painted chart repainted
 * (Chart.js animates the change of colours) and still over three frames in a row.
 */
export async function showColourScheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  const current = await page.evaluate(() => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  const before = await chartPictures(page);
  await page.emulateMedia({ colorScheme });
  if (current !== colorScheme) {
    await expect.poll(async () => (await chartPictures(page)).filter((picture, i) => picture && picture === before[i]).length, { message: 'every painted chart repaints in the new colours' }).toBe(0);
  }
  let last = await chartPictures(page);
  await expect
    .poll(async () => {
      await frames(page, 3);
      const now = await chartPictures(page);
      const still = now.join() === last.join();
      last = now;
      return still;
    }, { message: 'the charts stop changing', intervals: [0] })
    .toBe(true);
}
