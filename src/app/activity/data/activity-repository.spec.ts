import { TestBed } from '@angular/core/testing';
import type { ActivityEntry } from '@maestro/contracts';
import { doc, serverTimestamp, writeBatch } from 'firebase/firestore';
import { filter as where, firstValueFrom } from 'rxjs';
import { ownerFirestore } from '../../../testing/emulator-app';
import { signedInTestBed, type SignedInTestBed } from '../../../testing/signed-in-testbed';
import type { ActivityRow } from '../model/activity-entry';
import { NO_FILTER, type ActivityFilter } from '../model/activity-filter';
import { ActivityFilterError, FirestoreActivityRepository, type ActivityPage } from './activity-repository';

// 30 entries of this run's own correlation ids, so the rest of the emulator's log never matches.
// Written in batches of ten: a batch shares one commit time, so equal times must page by id.
describe('FirestoreActivityRepository (emulator)', () => {
  const run = `ar${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const MAIN = `${run}-main`;
  const OTHER = `${run}-other`;
  const ACTION_A = `SPEC_${run}_A`.toUpperCase();
  const ACTION_B = `SPEC_${run}_B`.toUpperCase();
  let bed: SignedInTestBed;
  let uid: string;
  let repository: FirestoreActivityRepository;
  let written: ActivityRow[];

  const SEEDING_MS = 30_000;
  const WALK_MS = 20_000;

  function entry(i: number): ActivityEntry {
    return {
      actorUid: uid,
      actorEmail: 'admin@maestro.test',
      action: i % 2 ? ACTION_A : ACTION_B,
      subject: i % 3 ? { type: 'expense', id: `${run}-e${i % 3}` } : { type: 'order', id: `${run}-o` },
      changes: { note: { from: `old ${i}`, to: `new ${i}` } },
      correlationId: i % 5 === 0 ? OTHER : MAIN,
      eventId: `${run}-${String(i).padStart(2, '0')}`,
      at: serverTimestamp(),
    };
  }

  // As the emulator's owner: the rules let a browser log only its own ledger actions, and these
  // entries (made-up actions, orders) exist to be read back.
  async function write(entries: ActivityEntry[]): Promise<void> {
    const owner = ownerFirestore();
    const batch = writeBatch(owner);
    for (const e of entries) batch.set(doc(owner, `activity/${e.eventId}`), e);
    await batch.commit();
  }

  beforeAll(async () => {
    bed = await signedInTestBed('activity-repository-spec', 'admin@maestro.test');
    ({ uid } = bed);
    repository = TestBed.inject(FirestoreActivityRepository);
    const entries = Array.from({ length: 30 }, (_, i) => entry(i));
    for (let start = 0; start < entries.length; start += 10) await write(entries.slice(start, start + 10));
    // Read back through both correlation ids: the server's times, the ids, in the log's order.
    written = [...(await walk({ ...NO_FILTER, correlationId: MAIN }, 100)), ...(await walk({ ...NO_FILTER, correlationId: OTHER }, 100))]
      .flatMap((p) => p.entries)
      .sort(newestFirst);
  }, SEEDING_MS);

  afterAll(() => bed.dispose());

  function newestFirst(a: ActivityRow, b: ActivityRow): number {
    return b.at!.getTime() - a.at!.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  }

  async function walk(filter: ActivityFilter, size: number): Promise<ActivityPage[]> {
    const pages = [await repository.page(filter, null, size)];
    while (pages[pages.length - 1]!.next) pages.push(await repository.page(filter, pages[pages.length - 1]!.next, size));
    return pages;
  }

  const ids = async (filter: ActivityFilter) => (await walk(filter, 100)).flatMap((p) => p.entries.map((e) => e.id));
  const expected = (predicate: (e: ActivityRow) => boolean) => written.filter(predicate).map((e) => e.id);

  it('reads back every entry written, with the server time and the changes', () => {
    expect(written.length).toBe(30);
    const first = written.find((e) => e.id === `${run}-03`)!;
    expect(first.changes).toEqual({ note: { from: 'old 3', to: 'new 3' } });
    expect(first.at).toBeInstanceOf(Date);
    expect(first.at!.getTime()).toBeGreaterThan(Date.now() - 5 * 60_000);
  });

  it('pages by cursor newest first, each entry exactly once, and ends with no next cursor', async () => {
    const mainOrder = written.filter((e) => e.correlationId === MAIN);
    const pages = await walk({ ...NO_FILTER, correlationId: MAIN }, 7);
    expect(pages.map((p) => p.entries.length)).toEqual([7, 7, 7, 3]);
    expect(pages.at(-1)!.next).toBeNull();
    const paged = pages.flatMap((p) => p.entries);
    expect(paged.map((e) => e.id)).toEqual(mainOrder.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(24);
    // Ten entries share each commit time: the id decides among them.
    expect(new Set(paged.map((e) => e.at!.getTime())).size).toBeLessThan(paged.length);
  }, WALK_MS);

  it('returns only the entries matching each filter', async () => {
    expect(await ids({ ...NO_FILTER, correlationId: OTHER })).toEqual(expected((e) => e.correlationId === OTHER));
    expect(await ids({ ...NO_FILTER, action: ACTION_A })).toEqual(expected((e) => e.action === ACTION_A));
    expect(await ids({ ...NO_FILTER, subjectType: 'order', subjectId: `${run}-o` })).toEqual(expected((e) => e.subject?.id === `${run}-o`));
    expect(await ids({ ...NO_FILTER, correlationId: MAIN, subjectType: 'expense' })).toEqual(
      expected((e) => e.correlationId === MAIN && e.subject?.type === 'expense'),
    );
    expect(await ids({ ...NO_FILTER, action: ACTION_B, actor: uid })).toEqual(expected((e) => e.action === ACTION_B));
    expect(await ids({ ...NO_FILTER, action: ACTION_B, actor: 'admin@maestro.test' })).toEqual(expected((e) => e.action === ACTION_B));
    expect(await ids({ ...NO_FILTER, action: ACTION_B, actor: 'staff@maestro.test' })).toEqual([]);
    expect(await ids({ ...NO_FILTER, action: `${ACTION_A}_NOTHING` })).toEqual([]);
  }, WALK_MS);

  it('filters by local calendar dates, both ends inclusive', async () => {
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const today = day(written[0]!.at!);
    const tomorrow = day(new Date(written[0]!.at!.getTime() + 24 * 3600_000));
    const yesterday = day(new Date(written[written.length - 1]!.at!.getTime() - 24 * 3600_000));
    const inRun = { ...NO_FILTER, correlationId: OTHER };
    const others = expected((e) => e.correlationId === OTHER);
    expect(await ids({ ...inRun, from: day(written[written.length - 1]!.at!), to: today })).toEqual(others);
    expect(await ids({ ...inRun, from: tomorrow })).toEqual([]);
    expect(await ids({ ...inRun, to: yesterday })).toEqual([]);
  }, WALK_MS);

  it('refuses a date range the wrong way round, and an id without its subject type, before querying', async () => {
    await expectAsync(repository.page({ ...NO_FILTER, from: '2026-03-02', to: '2026-03-01' }, null, 10)).toBeRejectedWith(
      new ActivityFilterError('From must be before To.'),
    );
    await expectAsync(repository.page({ ...NO_FILTER, subjectId: 'o1' }, null, 10)).toBeRejectedWithError(ActivityFilterError);
    await expectAsync(firstValueFrom(repository.tail({ ...NO_FILTER, from: '2026-03-02', to: '2026-03-01' }, new Date()))).toBeRejectedWithError(
      ActivityFilterError,
      'From must be before To.',
    );
  });

  it('tails: an entry written after the tail started arrives, and nothing of another filter does', async () => {
    const TAIL = `${run}-tail`;
    const since = written[0]!.at!;
    const arrived = firstValueFrom(
      repository.tail({ ...NO_FILTER, correlationId: TAIL }, since).pipe(where((rows) => rows.some((row) => row.id === `${run}-tailed`))),
    );
    // Let the listen start (its first answer is empty) before the write.
    await firstValueFrom(repository.tail({ ...NO_FILTER, correlationId: TAIL }, since));
    // Another action: the filter specs may run after this one.
    const tailed = { ...entry(31), action: `${ACTION_A}_TAILED` };
    await write([{ ...tailed, correlationId: `${run}-not-tailed`, eventId: `${run}-not-tailed` }]);
    await write([{ ...tailed, correlationId: TAIL, eventId: `${run}-tailed` }]);
    const rows = await arrived;
    expect(rows.map((row) => row.id)).toEqual([`${run}-tailed`]);
    expect(rows[0]!.at!.getTime()).toBeGreaterThanOrEqual(since.getTime());
  }, WALK_MS);
});
