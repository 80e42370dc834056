import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import { CLOCK } from '../../../core/time/clock';
import { SAGA_REPOSITORY, type SagaRepository } from '../../data/saga-repository';
import type { SagaEvent, SagaView } from '../../model/saga';
import { at, failedSagaFixture, stepFixture } from '../../model/saga-fixtures';
import { SagaPage } from './saga-page';

/** Sagas by order id, live; correlation ids → order ids. */
class FakeSagaRepository implements SagaRepository {
  readonly sagas = new Map<string, BehaviorSubject<SagaView | null>>();
  readonly correlations = new Map<string, string>();
  failWith: unknown = null;
  watch(orderId: string): Observable<SagaView | null> {
    if (this.failWith) return new Observable((s) => s.error(this.failWith));
    if (!this.sagas.has(orderId)) this.sagas.set(orderId, new BehaviorSubject<SagaView | null>(null));
    return this.sagas.get(orderId)!;
  }
  orderIdForCorrelation(correlationId: string): Promise<string | null> {
    return Promise.resolve(this.correlations.get(correlationId) ?? null);
  }
  readonly activity = new Map<string, SagaEvent[]>();
  eventsFail = false;
  events(correlationId: string): Observable<SagaEvent[]> {
    if (this.eventsFail) return new Observable((s) => s.error(new Error('permission-denied')));
    return new BehaviorSubject(this.activity.get(correlationId) ?? []);
  }
}

describe('SagaPage', () => {
  let fixture: ComponentFixture<SagaPage>;
  let repository: FakeSagaRepository;
  let now: Date;

  beforeEach(() => {
    repository = new FakeSagaRepository();
    now = at(5000);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: SAGA_REPOSITORY, useValue: repository },
        { provide: CLOCK, useValue: { now: () => now, monotonicMs: () => now.getTime() } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
  });
  afterEach(() => fixture?.destroy());

  async function open(inputs: { orderId?: string; correlationId?: string }) {
    fixture = TestBed.createComponent(SagaPage);
    if (inputs.orderId) fixture.componentRef.setInput('orderId', inputs.orderId);
    if (inputs.correlationId) fixture.componentRef.setInput('correlationId', inputs.correlationId);
    await settle();
  }
  async function settle() {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent?.replace(/\s+/g, ' ') ?? '';
  const tableRows = () =>
    [...el().querySelectorAll('table[aria-label="Saga steps"] tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
  const lane = (name: string) => el().querySelector(`[role="group"][aria-label="${name} lane"]`) as HTMLElement | null;
  const links = () => [...el().querySelectorAll('a')].map((a) => [a.textContent?.trim(), a.getAttribute('href')]);

  it("shows a failed order's saga: outcome and reason on top, one lane per step, the refund after the failure", async () => {
    repository.sagas.set('o1abcdef', new BehaviorSubject<SagaView | null>(failedSagaFixture()));
    await open({ orderId: 'o1abcdef' });

    expect(el().querySelector('[aria-label="Saga outcome"]')?.textContent).toContain('Failed');
    expect(el().querySelector('.failure')?.textContent?.replace(/\s+/g, ' ')).toContain('Failed at the inventory step: Burger is out of stock.');
    expect(['Menu', 'Payment', 'Inventory', 'Delivery'].map((step) => !!lane(step))).toEqual([true, true, true, true]);
    const paymentBars = [...lane('Payment')!.querySelectorAll('.bar')].map((bar) => bar.textContent?.trim());
    expect(paymentBars).toEqual(['done · 300 ms', 'refunded · 400 ms']);
    expect(lane('Inventory')!.querySelector('.bar')!.classList).toContain('status-refused');
    expect(lane('Delivery')!.querySelector('.bar')).toBeNull();
    expect(lane('Delivery')!.querySelector('.track')?.textContent?.trim()).toBe('skipped');
  });

  it('lists the same figures in a table: outcome, start, duration, error, compensation', async () => {
    repository.sagas.set('o1abcdef', new BehaviorSubject<SagaView | null>(failedSagaFixture()));
    await open({ orderId: 'o1abcdef' });
    expect(tableRows()).toEqual([
      ['Menu', 'Done', '0', '100', '—', '—', '—'],
      ['Payment', 'Done', '100', '300', '—', 'refunded', '400'],
      ['Inventory', 'Refused', '400', '200', 'Burger is out of stock.', '—', '—'],
      ['Delivery', 'Skipped', '—', '—', '—', '—', '—'],
    ]);
  });

  it('links to the order and to the activity log filtered by the correlation id', async () => {
    repository.sagas.set('o1abcdef', new BehaviorSubject<SagaView | null>(failedSagaFixture()));
    await open({ orderId: 'o1abcdef' });
    expect(links()).toContain(['Open the order', '/orders/o1abcdef']);
    expect(links()).toContain(['Activity of this saga', '/activity?correlationId=corr-1']);
  });

  it('follows a running saga live: a new step and the final outcome appear without a reload', async () => {
    const running = failedSagaFixture({
      status: 'running',
      outcome: null,
      failure: null,
      steps: [stepFixture('menu', { status: 'running', startedAt: at(0) }), stepFixture('payment')],
    });
    const live = new BehaviorSubject<SagaView | null>(running);
    repository.sagas.set('o1abcdef', live);
    await open({ orderId: 'o1abcdef' });
    expect(text()).toContain('live');
    expect(tableRows()[0]).toEqual(['Menu', 'Running', '0', '5,000', '—', '—', '—']); // until "now"

    live.next(failedSagaFixture());
    await settle();
    expect(text()).not.toContain('· live');
    expect(tableRows()[2][1]).toBe('Refused');
  });

  it("lists the saga's activity entries in order, in words with from → to, with their actor and time from the saga's start", async () => {
    repository.sagas.set('o1abcdef', new BehaviorSubject<SagaView | null>(failedSagaFixture()));
    repository.activity.set('corr-1', [
      { id: 'a1', action: 'ORDER_CREATED', actor: 'staff@maestro.test', at: at(0), statusChange: null },
      { id: 'a2', action: 'ORDER_STATUS_CHANGED', actor: 'staff@maestro.test', at: at(500), statusChange: 'New → Cancelled' },
      { id: 'a3', action: 'ORDER_PAYMENT_REFUNDED', actor: 'staff@maestro.test', at: at(1000), statusChange: null },
      { id: 'a4', action: 'SOMETHING_NEWER', actor: 'system', at: at(1200), statusChange: null },
    ]);
    await open({ orderId: 'o1abcdef' });
    const items = [...el().querySelectorAll('ol.events li')].map((li) => [...li.children].map((part) => part.textContent?.trim()).join(' '));
    expect(items).toEqual([
      '+0 ms Order placed by staff@maestro.test',
      '+500 ms Status changed New → Cancelled by staff@maestro.test',
      '+1000 ms Payment refunded by staff@maestro.test',
      '+1200 ms Something newer by system',
    ]);
    // The code stays at hand for admins who search the log by it.
    expect(el().querySelector('ol.events .action')?.getAttribute('title')).toBe('ORDER_CREATED');
  });

  it('still draws the saga when its activity entries cannot be read, and says so', async () => {
    repository.sagas.set('o1abcdef', new BehaviorSubject<SagaView | null>(failedSagaFixture()));
    repository.eventsFail = true;
    await open({ orderId: 'o1abcdef' });
    expect(tableRows().length).toBe(4);
    expect(el().querySelector('app-form-error')?.textContent).toContain('activity entries of this saga could not be loaded');
  });

  it('resolves a correlation id to its order and shows that saga', async () => {
    repository.correlations.set('corr-1', 'o1abcdef');
    repository.sagas.set('o1abcdef', new BehaviorSubject<SagaView | null>(failedSagaFixture()));
    await open({ correlationId: 'corr-1' });
    expect(el().querySelector('h1')?.textContent).toBe('Saga timeline');
    expect(text()).toContain('Order #O1ABCD');
    expect(text()).not.toContain('o1abcdef');
    expect(tableRows().length).toBe(4);
  });

  it('says so when no saga carries the correlation id', async () => {
    await open({ correlationId: 'nope-42' });
    expect(el().querySelector('app-empty-state h2')?.textContent).toBe('No saga with correlation id nope-42');
    expect(links()).toContain(['Search the activity log', '/activity?correlationId=nope-42']);
  });

  it('says so when the order has no saga', async () => {
    await open({ orderId: 'ghost' });
    expect(el().querySelector('app-empty-state h2')?.textContent).toBe('No saga for order #GHOST');
  });

  it('explains a refused read instead of spinning forever', async () => {
    repository.failWith = Object.assign(new Error('Missing or insufficient permissions.'), { code: 'permission-denied' });
    await open({ orderId: 'o1abcdef' });
    expect(el().querySelector('app-form-error')?.textContent).toContain('Only admins may read sagas');
    expect(el().querySelector('mat-progress-bar')).toBeNull();
  });

  it('shows a loading bar until the saga arrives', async () => {
    const never = new Subject<SagaView | null>();
    repository.watch = () => never;
    await open({ orderId: 'o1abcdef' });
    expect(el().querySelector('mat-progress-bar[aria-label="Loading the saga"]')).not.toBeNull();
  });
});
