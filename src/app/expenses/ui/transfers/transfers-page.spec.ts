import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import { of } from 'rxjs';
import { Session, type SessionUser } from '../../../core/auth/session';
import { Notifier } from '../../../core/notify/notifier';
import { AccountsRepository, type Account } from '../../data/accounts-repository';
import { TransferCommands } from '../../data/ledger-commands';
import { TransfersRepository, type Transfer } from '../../data/transfers-repository';
import { TransfersPage } from './transfers-page';

// Deleting a transfer is its recorder's or an admin's; a new one needs two accounts that take money.
describe('TransfersPage', () => {
  const account = (id: string, archived = false): Account => ({ id, name: id, type: 'bank', currency: 'USD', openingBalanceMinor: 0, archived });
  const transfer = (id: string, createdBy: string) =>
    ({ id, fromAccountId: 'Bank', toAccountId: 'Till', sentMinor: 5_000, sentCurrency: 'USD', receivedMinor: 5_000, receivedCurrency: 'USD', date: `2026-03-0${id === 'mine' ? 1 : 2}`, note: '', month: '2026-03', deleted: false, createdBy }) as Transfer;
  const REASON = 'Only the person who recorded this transfer or an admin can change or delete it.';

  let fixture: ComponentFixture<TransfersPage>;
  let removed: string[];

  async function open(role: SessionUser['role'], accounts = [account('Bank'), account('Till')]) {
    removed = [];
    const user = signal<SessionUser | null>({ uid: 'sam', email: 'sam@maestro.test', displayName: 'Sam', role });
    TestBed.configureTestingModule({
      providers: [
        { provide: Session, useValue: { user, isAdmin: computed(() => user()?.role === 'admin') } },
        { provide: AccountsRepository, useValue: { watchAll: () => of(accounts) } },
        { provide: TransfersRepository, useValue: { watchRecent: () => of([transfer('mine', 'sam'), transfer('theirs', 'kim')]) } },
        { provide: TransferCommands, useValue: { remove: (id: string) => (removed.push(id), Promise.resolve({ ok: true, value: undefined })) } },
        { provide: Notifier, useValue: { info: () => undefined, error: () => undefined } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(TransfersPage);
    await fixture.whenStable();
  }
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  const el = () => fixture.nativeElement as HTMLElement;
  const deleteOf = (date: string) => el().querySelector<HTMLButtonElement>(`button[aria-label^="Delete transfer of ${date}"]`)!;
  const tooltipAround = (button: HTMLElement) =>
    fixture.debugElement.queryAll(By.directive(MatTooltip)).find((d) => (d.nativeElement as HTMLElement).contains(button))!.injector.get(MatTooltip);

  it('shows staff someone else\'s transfer locked, with the reason on hover and in its name', async () => {
    await open('staff');
    const locked = deleteOf('2026-03-02');
    expect(locked.disabled).toBeTrue();
    expect(locked.getAttribute('aria-label')).toContain(REASON);
    expect(tooltipAround(locked).message).toBe(REASON);
    expect(tooltipAround(locked).disabled).toBeFalse();
  });

  it('lets the recorder delete their own transfer', async () => {
    await open('staff');
    const own = deleteOf('2026-03-01');
    expect(own.disabled).toBeFalse();
    expect(tooltipAround(own).disabled).toBeTrue();
    own.click();
    await fixture.whenStable();
    const confirmButton = [...document.querySelectorAll<HTMLButtonElement>('.cdk-overlay-container button')].find((b) => b.textContent?.trim() === 'Delete')!;
    confirmButton.click();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(removed).toEqual(['mine']);
  });

  it('lets an admin delete anyone\'s transfer', async () => {
    await open('admin');
    expect(deleteOf('2026-03-02').disabled).toBeFalse();
  });

  it('says why there is no new transfer while fewer than two accounts are active', async () => {
    await open('staff', [account('Bank'), account('Till', true)]);
    const button = [...el().querySelectorAll<HTMLButtonElement>('app-page-header button')].find((b) => b.textContent?.includes('New transfer'))!;
    expect(button.disabled).toBeTrue();
    expect(tooltipAround(button).message).toBe('You need two active accounts to transfer between.');
    expect(tooltipAround(button).disabled).toBeFalse();
  });
});
