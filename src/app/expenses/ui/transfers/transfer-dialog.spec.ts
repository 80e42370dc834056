import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { TransferDraft } from '@maestro/contracts';
import { CLOCK } from '../../../core/time/clock';
import type { Account } from '../../data/accounts-repository';
import { TransferCommands } from '../../data/ledger-commands';
import { TransferDialog } from './transfer-dialog';

// What the transfer form refuses before the orchestrator would: archived accounts, impossible rates.
describe('TransferDialog', () => {
  const accounts: Account[] = [
    { id: 'bank', name: 'Bank', type: 'bank', currency: 'USD', openingBalanceMinor: 0, archived: false },
    { id: 'caisse', name: 'Caisse', type: 'cash', currency: 'EUR', openingBalanceMinor: 0, archived: false },
    { id: 'till', name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false },
    { id: 'old-till', name: 'Old till', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: true },
  ];
  const RATE = 'The amounts sent and received are too far apart for any exchange rate: check for extra zeros.';
  let fixture: ComponentFixture<TransferDialog>;
  let recorded: TransferDraft[];

  beforeEach(async () => {
    recorded = [];
    TestBed.configureTestingModule({
      providers: [
        { provide: TransferCommands, useValue: { record: (t: TransferDraft) => (recorded.push(t), Promise.resolve({ ok: true, value: 't1' })) } },
        { provide: MatDialogRef, useValue: { close: () => undefined } },
        { provide: MAT_DIALOG_DATA, useValue: accounts },
        { provide: CLOCK, useValue: { now: () => new Date('2026-03-15T12:00:00Z'), monotonicMs: () => 0 } },
      ],
    });
    fixture = TestBed.createComponent(TransferDialog);
    await fixture.whenStable();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const form = () => (fixture.componentInstance as unknown as { form: TransferDialog['form'] }).form;
  const field = (label: string) => [...el().querySelectorAll('mat-form-field')].find((f) => f.textContent?.includes(label))!;
  async function type(label: string, value: string) {
    const input = field(label).querySelector('input')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }
  async function submit() {
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('offers no archived account on either side', () => {
    const offered = (fixture.componentInstance as unknown as { accounts: Account[] }).accounts;
    expect(offered.map((a) => a.id)).toEqual(['bank', 'caisse', 'till']);
  });

  it('shows an impossible exchange rate on the amount received, sends nothing, and clears once corrected', async () => {
    form().patchValue({ fromAccountId: 'bank', toAccountId: 'caisse' });
    await fixture.whenStable();
    await type('Amount sent', '1.00');
    await type('Amount received', '100000000');
    await submit();
    expect(field('Amount received').textContent).toContain(RATE);
    expect(recorded).toEqual([]);

    await type('Amount sent', '100.00');
    expect(field('Amount received').textContent).not.toContain(RATE);
    await submit();
    expect(recorded).toEqual([jasmine.objectContaining({ sentMinor: 10_000, sentCurrency: 'USD', receivedMinor: 10_000_000_000, receivedCurrency: 'EUR' })]);
  });

  it('drops the rate problem when the money goes to an account in the same currency instead', async () => {
    form().patchValue({ fromAccountId: 'bank', toAccountId: 'caisse', sent: '1.00', received: '100000000' });
    await fixture.whenStable();
    expect(form().controls.received.hasError('rate')).toBeTrue();
    form().controls.toAccountId.setValue('till');
    await fixture.whenStable();
    expect(form().controls.received.valid).toBeTrue();
    await submit();
    expect(recorded).toEqual([jasmine.objectContaining({ toAccountId: 'till', sentMinor: 100, receivedMinor: 100 })]);
  });
});
