import { TestBed } from '@angular/core/testing';
import { addDoc, collection, serverTimestamp } from 'firebase/firestore';
import { firstValueFrom, filter } from 'rxjs';
import { ownerFirestore } from '../../../testing/emulator-app';
import { signedInTestBed, type SignedInTestBed } from '../../../testing/signed-in-testbed';
import { FirestoreSagaRepository } from './saga-repository';

// Saga docs are written by the API alone (admin SDK): this spec appends its own activity entry for
// the correlation-id fallback; reading a real saga is the e2e's part.
describe('FirestoreSagaRepository (emulator, as an admin)', () => {
  const run = `sr${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  let bed: SignedInTestBed;
  let uid: string;
  let repository: FirestoreSagaRepository;

  beforeAll(async () => {
    bed = await signedInTestBed('saga-repository-spec', 'admin@maestro.test');
    ({ uid } = bed);
    // Kept from here: TestBed tears its module down after each spec.
    repository = TestBed.inject(FirestoreSagaRepository);
  }, 20_000);

  afterAll(() => bed.dispose());

  it('answers null for a correlation id no saga or entry carries (both queries allowed and indexed)', async () => {
    expect(await repository.orderIdForCorrelation(`${run}-nobody`)).toBeNull();
  });

  it("finds the order through its activity entries when no saga doc names the correlation id, and lists them", async () => {
    // As the emulator's owner: the rules let a browser log only its own ledger actions.
    await addDoc(collection(ownerFirestore(), 'activity'), {
      actorUid: uid,
      actorEmail: 'admin@maestro.test',
      action: 'SPEC_SAGA_LOOKUP',
      subject: { type: 'order', id: `${run}-order` },
      changes: {},
      correlationId: `${run}-corr`,
      eventId: `${run}-e1`,
      at: serverTimestamp(),
    });
    expect(await repository.orderIdForCorrelation(`${run}-corr`)).toBe(`${run}-order`);
    const events = await firstValueFrom(repository.events(`${run}-corr`).pipe(filter((list) => list.length > 0)));
    expect(events.map((e) => [e.action, e.actor])).toEqual([['SPEC_SAGA_LOOKUP', 'admin@maestro.test']]);
  });

  // Reading a saga the API wrote is proven end to end (e2e/admin.spec.ts): Karma runs before any
  // API has written one, and clients cannot write sagas.
});
