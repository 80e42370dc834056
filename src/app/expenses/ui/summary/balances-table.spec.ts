import { TestBed } from '@angular/core/testing';
import type { AccountBalance } from '../../data/balances-repository';
import { BalancesTable } from './balances-table';

describe('BalancesTable', () => {
  const account = (id: string, balanceMinor: number, archived = false, currency = 'USD'): AccountBalance => ({
    id, name: id, type: 'cash', currency, openingBalanceMinor: 0, archived, balance: { state: 'ready', balanceMinor },
  });

  function render(accounts: AccountBalance[]): HTMLElement {
    const fixture = TestBed.createComponent(BalancesTable);
    fixture.componentRef.setInput('accounts', accounts);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('hides archived accounts at zero, counts them, and keeps archived ones that still hold money', () => {
    const el = render([account('Till', 12_50), account('Old till', 0, true), account('Old float', 3_00, true), account('Gone', 0, true)]);
    const rows = [...el.querySelectorAll('tbody th')].map((th) => th.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(['Till', 'Old float (archived)']);
    const footer = el.querySelector('tfoot th')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(footer).toBe('Total across 2 accounts · 2 archived at zero not shown');
    expect(el.querySelector('tfoot td')!.textContent!.trim()).toBe('$15.50');
  });

  it('says nothing about hidden accounts when there are none, and never adds currencies together', () => {
    const el = render([account('Till', 1_00), account('Caisse', 2_00, false, 'EUR')]);
    expect([...el.querySelectorAll('table')].map((t) => t.getAttribute('aria-label'))).toEqual(['Balances in EUR', 'Balances in USD']);
    expect([...el.querySelectorAll('tfoot th')].map((th) => th.textContent!.trim())).toEqual(['Total across 1 account', 'Total across 1 account']);
  });
});
