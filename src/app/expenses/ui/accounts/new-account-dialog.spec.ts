import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import type { AccountDraft } from '@maestro/contracts';
import { AccountsCommands } from '../../data/accounts-commands';
import { NewAccountDialog } from './new-account-dialog';

// A taken name is said where it is fixed: on the Name field, and the dialog stays open.
describe('NewAccountDialog', () => {
  const TAKEN = 'An account named “Cash register” in USD already exists.';
  let fixture: ComponentFixture<NewAccountDialog>;
  let sent: AccountDraft[];
  let closed: unknown[];

  beforeEach(async () => {
    sent = [];
    closed = [];
    TestBed.configureTestingModule({
      providers: [
        {
          provide: AccountsCommands,
          useValue: {
            create: (account: AccountDraft) =>
              (sent.push(account), Promise.resolve(account.name.toLowerCase() === 'cash register' ? { ok: false, code: 'already-exists', message: TAKEN } : { ok: true, value: 'id' })),
          },
        },
        { provide: MatDialogRef, useValue: { close: (value: unknown) => closed.push(value) } },
      ],
    });
    fixture = TestBed.createComponent(NewAccountDialog);
    await fixture.whenStable();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const nameField = () => [...el().querySelectorAll('mat-form-field')].find((f) => f.querySelector('mat-label')?.textContent?.includes('Name'))!;
  async function typeName(value: string) {
    const input = nameField().querySelector('input')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function submit() {
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('shows the refusal of a taken name on the Name field and stays open', async () => {
    await typeName('Cash register');
    await submit();

    expect(sent.length).toBe(1);
    expect(nameField().querySelector('mat-error')?.textContent?.trim()).toBe(TAKEN);
    expect(el().querySelector('[role="alert"]')).toBeNull();
    expect(closed).toEqual([]);
  });

  it('lets the name be tried again in another currency', async () => {
    await typeName('Cash register');
    await submit();
    const currency = [...el().querySelectorAll('mat-form-field')].find((f) => f.querySelector('mat-label')?.textContent?.includes('Currency'))!.querySelector('input')!;
    currency.value = 'EUR';
    currency.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(nameField().querySelector('mat-error')).toBeNull();
    await submit();
    expect(sent.map((a) => a.currency)).toEqual(['USD', 'EUR']);
  });

  it('creates with another name once the field is changed', async () => {
    await typeName('Cash register');
    await submit();
    await typeName('Cash register 2');
    expect(nameField().querySelector('mat-error')).toBeNull();
    await submit();
    expect(closed).toEqual(['Cash register 2']);
  });
});
