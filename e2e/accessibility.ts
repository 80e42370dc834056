import { expect, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import { readFileSync } from 'node:fs';

/**
 * axe-core's engine, put into a page once per document and run there. Not @axe-core/playwright:
 * its AxeBuilder injects the engine again and opens a blank page of its own on every call, 2.4–4 s
 * a check on this machine against 0.1–0.2 s for a run in a page that has it (and it wants Node 22).
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const OPTIONS: RunOptions = {
  // WCAG 2.0 and 2.1, levels A and AA: the rules issue 23 measured the app against.
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  // A visible label that is not part of the accessible name (WCAG 2.5.3: voice control cannot
  // find the button): axe files this rule as experimental and would skip it. No rule is switched off.
  rules: { 'label-content-name-mismatch': { enabled: true } },
  // Details of violations only: collecting every passing node's is much of axe's time on a long page.
  resultTypes: ['violations'],
};

/**
 * The rules whose outcome depends on the colour scheme. The others read the DOM, which light and
 * dark share: a page checked in full at both widths needs only these in the other scheme.
 */
const COLOUR_RULES: RunOptions = { runOnly: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] }, resultTypes: ['violations'] };

/**
 * Runs axe on the page as it is now (an open dialog included: axe reads the whole document) and
 * fails on any serious or critical violation, naming the rule and the elements. Soft: a journey
 * or the sweep goes on and reports every violation at the end.
 */
export async function expectAccessible(page: Page, where = page.url(), rules: 'all' | 'colours' = 'all'): Promise<void> {
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (options) => (window as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }).axe.run(document, options),
    rules === 'all' ? OPTIONS : COLOUR_RULES,
  );
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const described = blocking.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact}) on ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`),
  );
  expect.soft(described, `axe on ${where}`).toEqual([]);
}

/** Waits for slides and fades to end (endless animations, like spinners, excepted): axe reads colours mid-fade otherwise. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
}
