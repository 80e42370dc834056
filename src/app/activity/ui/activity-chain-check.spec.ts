import { TestBed } from '@angular/core/testing';
import type { ActivityChainVerification } from '@maestro/contracts';
import { ApiRequestError } from '../../core/http/api-error-message';
import { ActivityChainClient } from '../data/activity-chain-client';
import { ActivityChainCheck } from './activity-chain-check';

const verification = (overrides: Partial<ActivityChainVerification> = {}): ActivityChainVerification => ({
  ok: true,
  sealsChecked: 3,
  entriesChecked: 1200,
  unsealedEntries: 4,
  lastSealedAt: '2026-11-24T03:00:00.000Z',
  headSequence: 3,
  headHash: 'ab'.repeat(32),
  problems: [],
  problemCount: 0,
  verifiedAt: '2026-11-24T03:01:00.000Z',
  durationMs: 120,
  ...overrides,
});

describe('ActivityChainCheck', () => {
  let client: jasmine.SpyObj<ActivityChainClient>;

  async function render(): Promise<{ root: HTMLElement; click(name: string): Promise<void> }> {
    TestBed.configureTestingModule({ imports: [ActivityChainCheck], providers: [{ provide: ActivityChainClient, useValue: client }] });
    const fixture = TestBed.createComponent(ActivityChainCheck);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    return {
      root,
      async click(name: string) {
        const button = Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.trim().endsWith(name))!;
        button.click();
        await fixture.whenStable();
        fixture.detectChanges();
      },
    };
  }

  beforeEach(() => {
    client = jasmine.createSpyObj<ActivityChainClient>('ActivityChainClient', ['verify', 'seal']);
  });

  it('an intact chain says how much was checked and how much is not sealed yet', async () => {
    client.verify.and.resolveTo(verification());
    const { root, click } = await render();
    await click('Verify the log');
    const verdict = root.querySelector('[role="status"]')!.textContent!;
    expect(verdict).toContain('Intact: 3 seals and 1,200 entries match what was sealed.');
    expect(verdict).toContain('4 newer entries are not sealed yet.');
    expect(root.querySelector('[aria-label="Integrity problems"]')).toBeNull();
  });

  it('a broken chain names each altered or removed entry and its seal', async () => {
    client.verify.and.resolveTo(
      verification({
        ok: false,
        problemCount: 2,
        problems: [
          { seal: 2, kind: 'altered', entryId: 'entry-7', message: 'EXPENSE_RECORDED on expense e1 by kim@maestro.test was changed after sealing.' },
          { seal: 3, kind: 'removed', entryId: 'entry-9', message: 'ORDER_STATUS_CHANGED on order o1 is gone.' },
        ],
      }),
    );
    const { root, click } = await render();
    await click('Verify the log');
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('2 problems in 3 seals');
    const rows = Array.from(root.querySelectorAll('[aria-label="Integrity problems"] li')).map((li) => ({
      kind: li.querySelector('.kind')?.textContent,
      seal: li.querySelector('.seal')?.textContent,
      message: li.querySelector('.message')?.textContent,
      entry: li.querySelector('code')?.textContent,
    }));
    expect(rows).toEqual([
      { kind: 'Altered', seal: 'seal 2', message: 'EXPENSE_RECORDED on expense e1 by kim@maestro.test was changed after sealing.', entry: 'entry-7' },
      { kind: 'Removed', seal: 'seal 3', message: 'ORDER_STATUS_CHANGED on order o1 is gone.', entry: 'entry-9' },
    ]);
  });

  it('says why the check could not run, and sealing reports how many entries it sealed', async () => {
    client.verify.and.rejectWith(new ApiRequestError(403, 'forbidden', 'Only admins can verify the activity log.'));
    client.seal.and.resolveTo({ sealed: 12, seals: [], headSequence: 4, headHash: 'cd'.repeat(32), unsealedEntries: 0 });
    const { root, click } = await render();
    await click('Verify the log');
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('Only admins can verify the activity log.');
    await click('Seal now');
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(root.textContent).toContain('Sealed 12 entries.');
  });
});
