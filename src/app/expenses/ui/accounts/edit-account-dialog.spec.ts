import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { AccountPatch } from '@maestro/contracts';
import { Session, type SessionUser } from '../../../core/auth/session';
import { AccountsCommands } from '../../data/accounts-commands';
import type { Account } from '../../data/accounts-repository';
import { EditAccountDialog } from './edit-account-dialog';

// Name and type are anyone's to change; the opening balance, once created, an admin's.
describe('EditAccountDialog', () => {
  const account: Account = { id: 'till', name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 10_000, archived: false };
  const REASON = 'Only admins change an opening balance after the account is created.';
  let fixture: ComponentFixture<EditAccountDialog>;
  let patches: AccountPatch[];
  let answer: { ok: true; value: undefined } | { ok: false; message: string; code?: string };

  async function open(role: SessionUser['role']) {
    patches = [];
    answer = { ok: true, value: undefined };
    const user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role });
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } },
        { provide: AccountsCommands, useValue: { update: (_id: string, patch: AccountPatch) => (patches.push(patch), Promise.resolve(answer)) } },
        { provide: MatDialogRef, useValue: { close: () => undefined } },
        { provide: MAT_DIALOG_DATA, useValue: account },
      ],
    });
    fixture = TestBed.createComponent(EditAccountDialog);
    await fixture.whenStable();
  }

  const el = () => fixture.nativeElement as HTMLElement;
  const field = (label: string) => [...el().querySelectorAll('mat-form-field')].find((f) => f.querySelector('mat-label')?.textContent?.includes(label))!;
  async function type(label: string, value: string) {
    const input = field(label).querySelector('input')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function submit() {
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('shows staff the opening balance disabled with the reason, and still saves the name', async () => {
    await open('staff');
    expect(field('Opening balance').querySelector('input')!.disabled).toBeTrue();
    expect(field('Opening balance').textContent).toContain(REASON);
    await type('Name', 'Front till');
    await submit();
    expect(patches).toEqual([{ name: 'Front till' }]);
  });

  it('says on the name field that the new name is taken, and clears it once the name changes', async () => {
    await open('staff');
    const TAKEN = 'An account named “Cash register” in USD already exists.';
    answer = { ok: false, code: 'already-exists', message: TAKEN };
    await type('Name', 'cash  register');
    await submit();

    expect(field('Name').querySelector('mat-error')?.textContent?.trim()).toBe(TAKEN);
    expect(el().querySelector('[role="alert"]')).withContext('not as a form-wide error').toBeNull();
    await type('Name', 'Cash register 2');
    expect(field('Name').querySelector('mat-error')).toBeNull();
  });

  it('shows other refusals above the form', async () => {
    await open('staff');
    answer = { ok: false, code: 'permission-denied', message: 'You are not allowed to make this change.' };
    await type('Name', 'Front till');
    await submit();
    expect(el().querySelector('[role="alert"]')?.textContent).toContain('You are not allowed');
    expect(field('Name').querySelector('mat-error')).toBeNull();
  });

  it('lets an admin change the opening balance', async () => {
    await open('admin');
    expect(field('Opening balance').textContent).not.toContain(REASON);
    await type('Opening balance', '250.00');
    await submit();
    expect(patches).toEqual([{ openingBalanceMinor: 25_000 }]);
  });
});
