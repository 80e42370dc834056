import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Subject, of, type Observable } from 'rxjs';
import { Notifier } from '../../core/notify/notifier';
import { ACTIVITY_NAMES_REPOSITORY, type ActivityLists } from '../data/activity-names-repository';
import { ACTIVITY_REPOSITORY, ActivityFilterError, type ActivityCursor, type ActivityPage as Page, type ActivityRepository } from '../data/activity-repository';
import type { ActivityRow } from '../model/activity-entry';
import { filterProblem } from '../model/activity-filter';
import type { ResolvedFilter } from '../model/activity-filter-match';
import { PAGE_SIZE } from '../state/activity-log-store';
import { ActivityChainClient } from '../data/activity-chain-client';
import { ActivityPage } from './activity-page';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Elsewhere {}

const row = (i: number, overrides: Partial<ActivityRow> = {}): ActivityRow => ({
  id: `e${String(i).padStart(3, '0')}`,
  actorUid: 'uid-staff',
  actorEmail: 'staff@maestro.test',
  action: 'EXPENSE_UPDATED',
  subject: { type: 'expense', id: `x${i}` },
  changes: {},
  correlationId: `c${i}`,
  eventId: `e${i}`,
  at: new Date(Date.UTC(2026, 2, 1, 18, 0, 0) - i * 60_000),
  ...overrides,
});

/** The log in memory, newest first; the filters it understands; every query it was asked. */
class FakeRepository implements ActivityRepository {
  rows: ActivityRow[] = [];
  failNext: unknown = null;
  readonly asked: ResolvedFilter[] = [];
  readonly tails = new Subject<ActivityRow[]>();
  tailSince: Date | null = null;

  page(filter: ResolvedFilter, cursor: ActivityCursor | null, size: number): Promise<Page> {
    this.asked.push(filter);
    const problem = filterProblem(filter);
    if (problem) return Promise.reject(new ActivityFilterError(problem));
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      return Promise.reject(error);
    }
    const matching = this.rows.filter(
      (r) =>
        (!filter.correlationId || r.correlationId === filter.correlationId) &&
        (filter.actions ? filter.actions.includes(r.action!) : !filter.action || r.action === filter.action) &&
        (!filter.actorUids || filter.actorUids.includes(r.actorUid!)),
    );
    const start = cursor ? (cursor.snapshot as number) : 0;
    const end = start + size;
    return Promise.resolve({ entries: matching.slice(start, end), next: end < matching.length ? { snapshot: end } : null });
  }

  tail(_filter: ResolvedFilter, since: Date): Observable<ActivityRow[]> {
    this.tailSince = since;
    return this.tails;
  }
}

/** The members, accounts and categories the log's ids point to. */
const LISTS: ActivityLists = {
  accounts: new Map([['company-card', { name: 'Company card', currency: 'USD' }]]),
  categories: new Map([['produce', 'Ingredients › Produce']]),
  members: new Map([
    ['uid-staff', { name: 'Sam Staff', email: 'staff@maestro.test' }],
    ['uid-admin', { name: 'Alex Admin', email: 'admin@maestro.test' }],
  ]),
};
const names = { watchLists: () => of(LISTS), expenseCurrencies: () => Promise.resolve(new Map<string, string>()) };

describe('ActivityPage', () => {
  let repository: FakeRepository;
  let harness: RouterTestingHarness;
  let root: HTMLElement;

  beforeEach(async () => {
    repository = new FakeRepository();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'activity', component: ActivityPage },
          { path: 'orders/:id', component: Elsewhere },
          { path: 'expenses', component: Elsewhere },
        ]),
        { provide: ACTIVITY_REPOSITORY, useValue: repository },
        { provide: ACTIVITY_NAMES_REPOSITORY, useValue: names },
        // The integrity panel only calls the API when asked; these specs never ask.
        { provide: ActivityChainClient, useValue: {} },
        { provide: Notifier, useValue: { info: jasmine.createSpy('info'), error: jasmine.createSpy('error') } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  async function open(url = '/activity'): Promise<void> {
    await harness.navigateByUrl(url);
    await settle();
    root = harness.routeNativeElement!;
  }

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await harness.fixture.whenStable();
      harness.detectChanges();
    }
  }

  const text = () => root.textContent!.replace(/\s+/g, ' ');
  const entryIds = () => [...root.querySelectorAll<HTMLElement>('[data-entry-id]')].map((el) => el.dataset['entryId']);
  const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.includes(label))!;
  const input = (label: string) =>
    [...root.querySelectorAll('mat-form-field')].find((f) => f.querySelector('mat-label')!.textContent!.includes(label))!.querySelector('input')!;

  it('shows time, actor, action in words, the subject as a link and the changes old → new', async () => {
    repository.rows = [
      row(1, {
        action: 'ORDER_STATUS_CHANGED',
        subject: { type: 'order', id: 'o-42' },
        changes: { status: { from: 'PREPARING', to: 'READY' }, totalMinor: { from: 1250, to: 2500 } },
        actorEmail: null,
        actorUid: 'system',
      }),
      row(2, { subject: { type: 'account', id: 'till' }, changes: { name: { from: null, to: 'Till' } } }),
    ];
    await open();
    const [order, account] = [...root.querySelectorAll<HTMLElement>('[data-entry-id]')];
    expect(order!.textContent).toContain('Order status changed: Preparing → Ready');
    expect(order!.textContent).toContain('by System');
    expect(order!.querySelector('time')!.getAttribute('datetime')).toBe(repository.rows[0]!.at!.toISOString());
    expect(order!.querySelector('a.subject-link')!.getAttribute('href')).toBe('/orders/o-42');
    expect(order!.querySelector('del')!.textContent).toContain('1250');
    expect(order!.querySelector('ins')!.textContent).toContain('2500');
    expect(account!.querySelector('a.subject-link')!.getAttribute('href')).toBe('/expenses/accounts');
    // The actor by name, the subject by its name (its id on hover).
    expect(account!.textContent).toContain('by Sam Staff');
    // A creation has no old value to strike through.
    expect(account!.querySelector('del')).toBeNull();
    expect(account!.querySelector('ins')!.textContent).toBe('Till');
  });

  it('shows names instead of ids and money in its currency', async () => {
    repository.rows = [
      row(1, { subject: { type: 'account', id: 'company-card' }, changes: { openingBalanceMinor: { from: 0, to: 1_000 } } }),
      row(2, { actorUid: 'uid-admin', actorEmail: 'admin@maestro.test', changes: { categoryId: { from: 'gone', to: 'produce' }, amountMinor: { from: 500, to: 1_000 }, currency: { from: null, to: 'USD' } } }),
    ];
    await open();
    const [account, expense] = [...root.querySelectorAll<HTMLElement>('[data-entry-id]')];
    expect(account!.querySelector('a.subject-link')!.textContent).toBe('Company card');
    expect(account!.querySelector('a.subject-link')!.getAttribute('title')).toBe('company-card');
    expect(account!.textContent).toContain('Opening balance: $0.00 → $10.00');
    expect(expense!.textContent).toContain('by Alex Admin');
    expect(expense!.textContent).toContain('Category: gone (deleted) → Ingredients › Produce');
    expect(expense!.textContent).toContain('Amount: $5.00 → $10.00');
    expect(expense!.textContent).not.toContain('minor units');
  });

  it('finds entries by part of the actor\'s name in any case, and by the action\'s words', async () => {
    repository.rows = [row(1, { action: 'EXPENSE_RECORDED' }), row(2, { action: 'EXPENSE_RECORDED', actorUid: 'uid-admin' }), row(3)];
    await open('/activity?actor=SAM&action=expense%20rec');
    expect(entryIds()).toEqual(['e001']);
    expect(repository.asked.at(-1)).toEqual(jasmine.objectContaining({ actorUids: ['uid-staff'], actions: ['EXPENSE_RECORDED'] }));
    expect(input('Actor').value).toBe('SAM');
    expect(input('Action').value).toBe('expense rec');
  });

  it('shows at most 30 changes of an entry, and says how many more there are', async () => {
    const changes = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${String(i).padStart(2, '0')}`, { from: null, to: `v${i}` }]));
    repository.rows = [row(1, { changes, omittedChanges: 5 })];
    await open();
    expect(root.querySelectorAll('[data-entry-id] ul.changes > li').length).toBe(31);
    expect(text()).toContain('and 15 more not shown');
  });

  it('says when the log is empty, and when nothing matches the filters, offering to clear them', async () => {
    await open();
    expect(text()).toContain('No activity yet');
    expect(root.querySelector('app-empty-state button')).toBeNull();

    repository.rows = [row(1)];
    await open('/activity?correlationId=nothing-like-it');
    expect(text()).toContain('No entry matches these filters');
    const clear = root.querySelector<HTMLButtonElement>('app-empty-state button')!;
    clear.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/activity');
    expect(entryIds()).toEqual(['e001']);
  });

  it('takes its filters from the URL, and writes applied filters back to it', async () => {
    repository.rows = [row(1, { correlationId: 'saga-7' }), row(2)];
    await open('/activity?correlationId=saga-7');
    expect(entryIds()).toEqual(['e001']);
    expect(input('Correlation id').value).toBe('saga-7');

    const action = input('Action');
    action.value = 'EXPENSE_UPDATED';
    action.dispatchEvent(new Event('input'));
    button('Apply').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/activity?action=EXPENSE_UPDATED&correlationId=saga-7');
    expect(repository.asked.at(-1)).toEqual(jasmine.objectContaining({ action: 'EXPENSE_UPDATED', correlationId: 'saga-7' }));
  });

  it('refuses a date range the wrong way round with a clear message, without querying', async () => {
    await open();
    const asked = repository.asked.length;
    for (const [label, value] of [['From', '2026-03-05'], ['To', '2026-03-01']] as const) {
      const field = input(label);
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    await settle();
    expect(text()).toContain('From must be before To.');
    button('Apply').click();
    await settle();
    expect(repository.asked.length).toBe(asked);
    expect(TestBed.inject(Router).url).toBe('/activity');

    // The same range in a shared link: the message, and no query.
    await open('/activity?from=2026-03-05&to=2026-03-01');
    expect(text()).toContain('From must be before To.');
    expect(repository.asked.length).toBe(asked);
  });

  it('pages with Load more until every entry is shown', async () => {
    repository.rows = Array.from({ length: PAGE_SIZE + 5 }, (_, i) => row(i));
    await open();
    expect(entryIds().length).toBe(PAGE_SIZE);
    button('Load more').click();
    await settle();
    expect(entryIds()).toEqual(repository.rows.map((r) => r.id));
    expect(button('Load more')).toBeUndefined();
    expect(text()).toContain('That is every matching entry.');
  });

  it('shows a failed load with Retry, which loads again', async () => {
    repository.rows = [row(1)];
    repository.failNext = Object.assign(new Error('denied'), { code: 'permission-denied' });
    await open();
    expect(text()).toContain('Only administrators can read the activity log.');
    button('Retry').click();
    await settle();
    expect(entryIds()).toEqual(['e001']);
  });

  it('Live while scrolled down: a count of the new entries, which scrolls back to the top', async () => {
    // Stands in for the browser's observer of the list's top: the spec says when it leaves the view.
    let report: ((entries: { isIntersecting: boolean }[]) => void) | undefined;
    const original = window.IntersectionObserver;
    (window as { IntersectionObserver: unknown }).IntersectionObserver = class {
      constructor(callback: typeof report) {
        report = callback;
      }
      observe = (): void => undefined;
      disconnect = (): void => undefined;
    };
    try {
      repository.rows = [row(1)];
      await open();
      root.querySelector<HTMLElement>('mat-slide-toggle button')!.click();
      report!([{ isIntersecting: false }]);
      const at = (s: number) => new Date(repository.rows[0]!.at!.getTime() + s * 1_000);
      repository.tails.next([row(0, { id: 'n1', at: at(1) }), row(0, { id: 'n2', at: at(2) })]);
      await settle();
      expect(button('new entries').textContent).toContain('2 new entries');
      button('new entries').click();
      await settle();
      expect(button('new entries')).toBeUndefined();
      expect(entryIds()).toEqual(['n2', 'n1', 'e001']);
    } finally {
      window.IntersectionObserver = original;
    }
  });

  it('Live: entries written after the newest shown appear on top, highlighted, once', async () => {
    repository.rows = [row(1), row(2)];
    await open();
    root.querySelector<HTMLElement>('mat-slide-toggle button')!.click();
    await settle();
    expect(repository.tailSince).toEqual(repository.rows[0]!.at);
    const newer = row(0, { id: 'fresh-1', at: new Date(repository.rows[0]!.at!.getTime() + 1_000) });
    // The tail repeats the newest shown entry (same instant): it is not shown twice.
    repository.tails.next([newer, repository.rows[0]!]);
    await settle();
    expect(entryIds()).toEqual(['fresh-1', 'e001', 'e002']);
    expect(root.querySelector('[data-entry-id="fresh-1"]')!.classList).toContain('fresh');
    expect(root.querySelector('[data-entry-id="e001"]')!.classList).not.toContain('fresh');
  });
});
