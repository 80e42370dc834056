import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { LOGGER } from '../logging/logger';
import { Notifier } from './notifier';

// The real snack bar (loaded on the first message, as in the app), read from the page.
describe('Notifier', () => {
  const shown = () => document.querySelector('mat-snack-bar-container');

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [{ provide: LOGGER, useValue: { debug: () => undefined, warn: () => undefined, error: fail } }] });
  });

  afterEach(() => TestBed.resetTestingModule());

  async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('shows a message with OK, politely', async () => {
    TestBed.inject(Notifier).info('Expense saved');
    await until(() => !!shown()?.textContent?.includes('Expense saved'));
    expect(shown()!.textContent).toContain('OK');
    expect(shown()!.classList).not.toContain('snack-error');
  });

  it('shows an error with Dismiss, marked as an error', async () => {
    TestBed.inject(Notifier).error('Could not save: try again');
    await until(() => !!shown()?.textContent?.includes('Could not save'));
    expect(shown()!.textContent).toContain('Dismiss');
    expect(shown()!.classList).toContain('snack-error');
  });

  it('shows messages sent before the snack bar has loaded in the order they were sent', async () => {
    const open = spyOn(MatSnackBar.prototype, 'open').and.callThrough();
    const notifier = TestBed.inject(Notifier);
    notifier.error('first');
    notifier.info('second');
    await until(() => open.calls.count() === 2);
    expect(open.calls.allArgs().map(([message]) => message)).toEqual(['first', 'second']);
    // A snack bar replaces the one before it: the later message is the one left on screen.
    await until(() => !!shown()?.textContent?.includes('second'));
  });
});
