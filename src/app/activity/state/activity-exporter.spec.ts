import { TestBed } from '@angular/core/testing';
import { NEVER } from 'rxjs';
import { CLOCK } from '../../core/time/clock';
import { ACTIVITY_REPOSITORY, type ActivityCursor, type ActivityRepository } from '../data/activity-repository';
import type { ActivityRow } from '../model/activity-entry';
import { NO_FILTER, type ActivityFilter } from '../model/activity-filter';
import { ActivityExporter, EXPORT_CAP } from './activity-exporter';

const row = (i: number): ActivityRow => ({
  id: `e${i}`,
  actorUid: 'uid',
  actorEmail: 'admin@maestro.test',
  action: 'EXPENSE_UPDATED',
  subject: { type: 'expense', id: `x${i}` },
  changes: {},
  correlationId: 'c',
  eventId: `e${i}`,
  at: new Date(Date.UTC(2026, 2, 1) - i * 1000),
});

/** A log of `total` entries; the page sizes it was asked for; `onPage` runs before each answer. */
class FakeRepository implements ActivityRepository {
  total = 0;
  readonly sizes: number[] = [];
  readonly filters: ActivityFilter[] = [];
  onPage: () => void = () => undefined;
  page(filter: ActivityFilter, cursor: ActivityCursor | null, size: number) {
    this.sizes.push(size);
    this.filters.push(filter);
    this.onPage();
    const start = (cursor?.snapshot as number | undefined) ?? 0;
    const end = Math.min(start + size, this.total);
    return Promise.resolve({
      entries: Array.from({ length: end - start }, (_, i) => row(start + i)),
      next: end < this.total ? { snapshot: end } : null,
    });
  }
  tail = () => NEVER;
}

describe('ActivityExporter', () => {
  let repository: FakeRepository;
  let exporter: ActivityExporter;
  let files: Blob[];

  beforeEach(() => {
    repository = new FakeRepository();
    files = [];
    spyOn(URL, 'createObjectURL').and.callFake((blob: Blob | MediaSource) => {
      files.push(blob as Blob);
      return 'blob:spec';
    });
    spyOn(HTMLAnchorElement.prototype, 'click');
    TestBed.configureTestingModule({
      providers: [
        ActivityExporter,
        { provide: ACTIVITY_REPOSITORY, useValue: repository },
        { provide: CLOCK, useValue: { now: () => new Date(2026, 2, 1, 12), monotonicMs: () => 0 } },
      ],
    });
    exporter = TestBed.inject(ActivityExporter);
  });

  it('exports every filtered page into one file, reporting progress', async () => {
    repository.total = 1_203;
    const seen: (number | null)[] = [];
    repository.onPage = () => seen.push(exporter.progress());
    const filter = { ...NO_FILTER, correlationId: 'c' };
    const outcome = await exporter.export(filter);
    expect(outcome).toEqual({ status: 'done', count: 1_203, capped: false, fileName: 'activity-2026-03-01.csv' });
    expect(seen).toEqual([0, 500, 1_000]);
    expect(repository.filters.every((f) => f === filter)).toBeTrue();
    const csv = await files[0]!.text();
    expect(csv.trim().split('\r\n').length).toBe(1 + 1_203);
    expect(exporter.progress()).toBeNull();
  });

  it('stops at the cap and says so', async () => {
    repository.total = EXPORT_CAP + 700;
    const outcome = await exporter.export(NO_FILTER);
    expect(outcome).toEqual(jasmine.objectContaining({ status: 'done', count: EXPORT_CAP, capped: true }));
    expect(repository.sizes.reduce((a, b) => a + b, 0)).toBe(EXPORT_CAP);
  });

  it('cancels: no file, and no page asked after the cancel', async () => {
    repository.total = 5_000;
    repository.onPage = () => {
      if (repository.sizes.length === 2) exporter.cancel();
    };
    expect(await exporter.export(NO_FILTER)).toEqual({ status: 'cancelled' });
    expect(repository.sizes.length).toBe(2);
    expect(files).toEqual([]);
  });

  it('reports a failed read in words', async () => {
    repository.onPage = () => {
      throw Object.assign(new Error('offline'), { code: 'unavailable' });
    };
    expect(await exporter.export(NO_FILTER)).toEqual({ status: 'failed', message: 'Cannot reach the database. Check your connection and try again.' });
    expect(files).toEqual([]);
  });
});
