import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Bytes, Timestamp, deleteDoc, doc, setDoc } from 'firebase/firestore';
import { parse } from 'papaparse';
import { Notifier } from '../../core/notify/notifier';
import { ownerFirestore } from '../../../testing/emulator-app';
import { signedInTestBed, type SignedInTestBed } from '../../../testing/signed-in-testbed';
import { ActivityChainClient } from '../data/activity-chain-client';
import { ACTIVITY_NAMES_REPOSITORY, FirestoreActivityNamesRepository } from '../data/activity-names-repository';
import { ACTIVITY_REPOSITORY, FirestoreActivityRepository } from '../data/activity-repository';
import { ActivityPage } from './activity-page';

// Entries the rules would refuse, written past them as the emulator's owner (as the Admin SDK or
// an older client could have): the page and its export must show each odd field as unknown, and
// the rest of the entry as usual. Read back through the real repository, signed in as an admin.
describe('ActivityPage with odd entries in the log (emulator)', () => {
  const run = `odd${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const start = Date.now() - 60_000;
  const good = (i: number, id: string) => ({
    actorUid: 'uid-admin',
    actorEmail: 'admin@maestro.test',
    action: 'EXPENSE_UPDATED',
    subject: { type: 'expense', id: `${run}-x` },
    changes: { note: { from: 'old', to: 'new' } },
    correlationId: run,
    eventId: id,
    // One second apart: the page shows them newest first, in a known order.
    at: Timestamp.fromMillis(start + i * 1_000),
  });
  const without = (entry: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(entry).filter(([k]) => k !== key));
  // Oldest first.
  const ENTRIES: Record<string, (i: number, id: string) => Record<string, unknown>> = {
    good,
    'no-subject': (i, id) => without(good(i, id), 'subject'),
    'changes-null': (i, id) => ({ ...good(i, id), changes: null }),
    'action-number': (i, id) => ({ ...good(i, id), action: 42 }),
    'actor-odd': (i, id) => ({ ...without(good(i, id), 'actorUid'), actorEmail: 7 }),
    'odd-changes': (i, id) => ({
      ...good(i, id),
      subject: { type: 'order', id: 1234 },
      changes: {
        status: 'DELIVERED',
        note: { from: null, to: 'x'.repeat(200_000) },
        link: { from: null, to: doc(ownerFirestore(), 'orders/elsewhere') },
        blob: { from: null, to: Bytes.fromUint8Array(new Uint8Array([1, 2, 3])) },
      },
    }),
  };
  const ids = Object.keys(ENTRIES).map((name) => `${run}-${name}`);
  let bed: SignedInTestBed;
  let repository: FirestoreActivityRepository;
  let names: FirestoreActivityNamesRepository;
  let harness: RouterTestingHarness;
  let files: Blob[];

  beforeAll(async () => {
    bed = await signedInTestBed('activity-odd-entries-spec', 'admin@maestro.test');
    repository = TestBed.inject(FirestoreActivityRepository);
    names = TestBed.inject(FirestoreActivityNamesRepository);
    let i = 0;
    for (const [name, entry] of Object.entries(ENTRIES)) await setDoc(doc(ownerFirestore(), `activity/${run}-${name}`), entry(i++, `${run}-${name}`));
  }, 30_000);

  afterAll(async () => {
    // The owner may delete what the rules keep append-only: leave the shared log as it was.
    await Promise.all(ids.map((id) => deleteDoc(doc(ownerFirestore(), `activity/${id}`))));
    await bed.dispose();
  });

  beforeEach(async () => {
    // The signed-in bed's module was used to build the repository; the page gets a module of its own.
    TestBed.resetTestingModule();
    files = [];
    spyOn(URL, 'createObjectURL').and.callFake((blob: Blob | MediaSource) => {
      files.push(blob as Blob);
      return 'blob:spec';
    });
    spyOn(HTMLAnchorElement.prototype, 'click');
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'activity', component: ActivityPage }]),
        { provide: ACTIVITY_REPOSITORY, useValue: repository },
        { provide: ACTIVITY_NAMES_REPOSITORY, useValue: names },
        { provide: ActivityChainClient, useValue: {} },
        { provide: Notifier, useValue: { info: jasmine.createSpy('info'), error: jasmine.createSpy('error') } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  /** Change detection until `done` holds (the emulator answers outside Angular's knowledge). */
  async function until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      harness.detectChanges();
    }
  }

  const root = () => harness.routeNativeElement!;
  const rows = () => [...root().querySelectorAll<HTMLElement>('[data-entry-id]')];
  const rowText = (name: string) => root().querySelector(`[data-entry-id="${run}-${name}"]`)!.textContent!.replace(/\s+/g, ' ');

  it('shows each odd field as unknown, and the rest of each entry as usual', async () => {
    await harness.navigateByUrl(`/activity?correlationId=${run}`);
    await until(() => rows().length === ids.length, 'the entries');
    expect(rows().map((row) => row.dataset['entryId'])).toEqual([...ids].reverse());

    expect(rowText('good')).toContain('Expense updated');
    expect(rowText('good')).toContain('by admin@maestro.test');
    expect(rowText('no-subject')).toContain('unknown subject');
    expect(rowText('no-subject')).toContain('Expense updated');
    expect(rowText('no-subject')).toContain('Note: old → new');
    expect(rowText('changes-null')).toContain('Changes unknown');
    expect(rowText('changes-null')).toContain('by admin@maestro.test');
    expect(rowText('action-number')).toContain('Unknown action');
    expect(rowText('action-number')).toContain('Note: old → new');
    expect(rowText('actor-odd')).toContain('by unknown');
    expect(rowText('actor-odd')).toContain('Expense updated');

    const odd = rowText('odd-changes');
    expect(odd).toContain('unknown subject');
    expect(odd).toContain('Status: unknown');
    expect(odd).toContain('Link: orders/elsewhere');
    expect(odd).toContain('Blob: unknown');
    // The 200,000 characters of the note are cut for the list.
    const note = [...root().querySelectorAll(`[data-entry-id="${run}-odd-changes"] ins`)].find((el) => el.textContent!.startsWith('xxx'))!;
    expect(note.textContent!.length).toBe(200);
    expect(root().querySelector(`[data-entry-id="${run}-good"] time`)!.getAttribute('datetime')).toBe(new Date(start).toISOString());
  });

  it('exports every odd entry with "unknown" in the fields it lacks', async () => {
    await harness.navigateByUrl(`/activity?correlationId=${run}`);
    await until(() => rows().length === ids.length, 'the entries');
    [...root().querySelectorAll('button')].find((b) => b.textContent!.includes('Export CSV'))!.click();
    await until(() => files.length === 1, 'the export');

    const lines = parse<Record<string, string>>(await files[0]!.text(), { header: true, skipEmptyLines: true }).data;
    // Each entry's line, found by its time (the entries are one second apart).
    const line = (name: string) => lines.find((l) => l['time'] === new Date(start + ids.indexOf(`${run}-${name}`) * 1_000).toISOString())!;
    expect(lines.length).toBe(ids.length);
    expect(line('good')).toEqual(jasmine.objectContaining({ actor: 'admin@maestro.test', action: 'EXPENSE_UPDATED', subject_type: 'expense', correlation_id: run }));
    expect(line('no-subject')).toEqual(jasmine.objectContaining({ subject_type: 'unknown', subject_id: 'unknown', action: 'EXPENSE_UPDATED' }));
    expect(line('changes-null')).toEqual(jasmine.objectContaining({ changes: 'unknown', actor: 'admin@maestro.test' }));
    expect(line('action-number')).toEqual(jasmine.objectContaining({ action: 'unknown', subject_id: `${run}-x` }));
    expect(line('actor-odd')).toEqual(jasmine.objectContaining({ actor: 'unknown', action: 'EXPENSE_UPDATED' }));
    const changes = JSON.parse(line('odd-changes')['changes']!) as Record<string, unknown>;
    expect(changes['status']).toBe('unknown');
    expect(changes['link']).toEqual({ from: null, to: 'orders/elsewhere' });
    expect(((changes['note'] as { to: string }).to).length).toBe(1_000);
  });
});
