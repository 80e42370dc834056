import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { ACTIVITY_REPOSITORY, type ActivityPage, type ActivityRepository } from '../data/activity-repository';
import type { ActivityRow } from '../model/activity-entry';
import { NO_FILTER } from '../model/activity-filter';
import { ActivityLogStore } from './activity-log-store';

const row = (id: string, at: number): ActivityRow => ({
  id,
  actorUid: 'uid',
  actorEmail: null,
  action: 'EXPENSE_UPDATED',
  subject: { type: 'expense', id: 'x' },
  changes: {},
  correlationId: 'c',
  eventId: id,
  at: new Date(at),
});

/** Pages answered by the spec, in the order they were asked; one tail per subscription. */
class ControlledRepository implements ActivityRepository {
  readonly pages: { resolve: (page: ActivityPage) => void; reject: (error: unknown) => void }[] = [];
  readonly tails: Subject<ActivityRow[]>[] = [];
  page(): Promise<ActivityPage> {
    return new Promise((resolve, reject) => this.pages.push({ resolve, reject }));
  }
  tail() {
    const tail = new Subject<ActivityRow[]>();
    this.tails.push(tail);
    return tail;
  }
}

describe('ActivityLogStore', () => {
  let repository: ControlledRepository;
  let store: ActivityLogStore;
  const settle = () => new Promise((resolve) => setTimeout(resolve));

  beforeEach(() => {
    repository = new ControlledRepository();
    TestBed.configureTestingModule({ providers: [ActivityLogStore, { provide: ACTIVITY_REPOSITORY, useValue: repository }] });
    store = TestBed.inject(ActivityLogStore);
  });

  it('drops the answer to a filter that was replaced while it loaded', async () => {
    store.load({ ...NO_FILTER, action: 'OLD' });
    store.load({ ...NO_FILTER, action: 'NEW' });
    repository.pages[1]!.resolve({ entries: [row('new', 2)], next: null });
    repository.pages[0]!.resolve({ entries: [row('old', 1)], next: null });
    await settle();
    expect(store.entries().map((e) => e.id)).toEqual(['new']);
    expect(store.status()).toBe('loaded');
  });

  it('refuses an invalid filter without asking the repository', () => {
    store.load({ ...NO_FILTER, from: '2026-03-02', to: '2026-03-01' });
    expect(store.status()).toBe('invalid');
    expect(store.error()).toBe('From must be before To.');
    expect(repository.pages.length).toBe(0);
  });

  it('keeps the tail across a filter change on the new filter only, and says when it stops', async () => {
    store.setLive(true);
    store.load(NO_FILTER);
    repository.pages[0]!.resolve({ entries: [row('a', 1)], next: null });
    await settle();
    expect(repository.tails.length).toBe(1);
    store.load({ ...NO_FILTER, correlationId: 'c' });
    expect(repository.tails[0]!.observed).toBeFalse();
    repository.pages[1]!.resolve({ entries: [], next: null });
    await settle();
    expect(repository.tails.length).toBe(2);
    repository.tails[1]!.error(Object.assign(new Error('denied'), { code: 'permission-denied' }));
    expect(store.live()).toBeFalse();
    expect(store.liveError()).toBe('Live updates stopped: Only administrators can read the activity log.');
  });
});
