import { recordOwnerOnly, type TransferDraft } from '@maestro/contracts';
import { doc, writeBatch } from 'firebase/firestore';
import { ownerFirestore } from '../../../testing/emulator-app';
import { failureOf, startOrchestrator, type OrchestratorHarness } from '../../../testing/orchestrator-harness';
import { TransfersOrchestrator } from './transfers-orchestrator';

describe('TransfersOrchestrator (emulator)', () => {
  let h: OrchestratorHarness<TransfersOrchestrator>;
  const run = Math.random().toString(36).slice(2, 8);
  const id = (name: string) => `tr-${run}-${name}`;

  // Fixtures as stored (rules off): a client could not write them without their activity entries.
  beforeAll(async () => {
    const owner = ownerFirestore();
    const account = (name: string, currency: string, archived = false) => ({
      name, type: 'bank', currency, openingBalanceMinor: 0, archived, createdBy: 'demo-staff',
    });
    await writeBatch(owner)
      .set(doc(owner, `accounts/${id('usd-a')}`), account('USD A', 'USD'))
      .set(doc(owner, `accounts/${id('usd-b')}`), account('USD B', 'USD'))
      .set(doc(owner, `accounts/${id('eur')}`), account('EUR', 'EUR'))
      .set(doc(owner, `accounts/${id('old')}`), account('Old till', 'USD', true))
      .commit();
  });
  // Archived afterwards, so they do not crowd the pages of whoever uses the emulator next.
  afterAll(async () => {
    const batch = writeBatch(ownerFirestore());
    for (const name of ['usd-a', 'usd-b', 'eur']) batch.update(doc(ownerFirestore(), `accounts/${id(name)}`), { archived: true });
    await batch.commit();
  });
  beforeEach(async () => (h = await startOrchestrator(TransfersOrchestrator)));
  afterEach(() => h.stop());

  const transfer = (overrides: Partial<TransferDraft> = {}): TransferDraft => ({
    fromAccountId: id('usd-a'), toAccountId: id('usd-b'), sentMinor: 12_000, sentCurrency: 'USD',
    receivedMinor: 12_000, receivedCurrency: 'USD', date: '2026-03-02', note: ' float ', ...overrides,
  });
  const ledgerVersion = async () => ((await h.read('metadata/ledger')).get('version') as number | undefined) ?? 0;

  it('records both legs, the activity entry and a ledger bump in one batch', async () => {
    const before = await ledgerVersion();
    const { request, answer } = await h.send('TRANSFER_RECORDING_REQUESTED', { transfer: transfer() }, 'TRANSFER_RECORDED');

    expect(answer.type).toBe('TRANSFER_RECORDED');
    expect((await h.read(`transfers/${request.id}`)).data()).toEqual(jasmine.objectContaining({
      fromAccountId: id('usd-a'), toAccountId: id('usd-b'), sentMinor: 12_000, receivedMinor: 12_000,
      month: '2026-03', note: 'float', deleted: false, createdBy: h.user.uid, auditId: request.id,
    }));
    expect((await h.read(`activity/${request.id}`)).get('action')).toBe('TRANSFER_RECORDED');
    expect(await ledgerVersion()).toBeGreaterThan(before);
  });

  it('takes the received amount as given between currencies', async () => {
    const { request, answer } = await h.send(
      'TRANSFER_RECORDING_REQUESTED',
      { transfer: transfer({ toAccountId: id('eur'), receivedCurrency: 'EUR', receivedMinor: 11_040 }) },
      'TRANSFER_RECORDED',
    );
    expect(answer.type).toBe('TRANSFER_RECORDED');
    expect((await h.read(`transfers/${request.id}`)).get('receivedMinor')).toBe(11_040);
  });

  it('refuses currencies that are not the accounts\' own, archived or unknown accounts, and writes nothing', async () => {
    const cases: [Partial<TransferDraft>, RegExp][] = [
      [{ toAccountId: id('eur'), receivedCurrency: 'USD' }, /is in USD and .* in EUR/],
      [{ toAccountId: id('old') }, /“Old till” is archived/],
      [{ toAccountId: `missing-${run}` }, /no longer exists/],
      [{ toAccountId: id('usd-a') }, /two different accounts/],
      [{ receivedMinor: 11_000 }, /amount received is the amount sent/],
      [{ sentMinor: 0, receivedMinor: 0 }, /more than zero/],
      [{ sentMinor: 1, toAccountId: id('eur'), receivedCurrency: 'EUR', receivedMinor: 10_000_000_000_000 }, /too far apart for any exchange rate/],
    ];
    for (const [overrides, message] of cases) {
      const { request, answer } = await h.send('TRANSFER_RECORDING_REQUESTED', { transfer: transfer(overrides) }, 'TRANSFER_RECORDED');
      expect(failureOf(answer).message).withContext(JSON.stringify(overrides)).toMatch(message);
      expect((await h.read(`transfers/${request.id}`)).exists()).toBeFalse();
      expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
    }
  });

  it('deletes softly, once', async () => {
    const { request } = await h.send('TRANSFER_RECORDING_REQUESTED', { transfer: transfer() }, 'TRANSFER_RECORDED');
    const removed = await h.send('TRANSFER_DELETION_REQUESTED', { transferId: request.id }, 'TRANSFER_DELETED');

    expect(removed.answer.type).toBe('TRANSFER_DELETED');
    expect((await h.read(`transfers/${request.id}`)).get('deleted')).toBeTrue();
    const again = await h.send('TRANSFER_DELETION_REQUESTED', { transferId: request.id }, 'TRANSFER_DELETED');
    expect(failureOf(again.answer).code).toBe('not-found');
  });

  it('leaves someone else\'s transfer alone: only its recorder or an admin deletes it', async () => {
    const transferId = `tr-${run}-others`;
    await writeBatch(ownerFirestore())
      .set(doc(ownerFirestore(), `transfers/${transferId}`), {
        ...transfer(), note: '', month: '2026-03', deleted: false, createdBy: 'demo-admin', updatedBy: 'demo-admin',
      })
      .commit();
    const { request, answer } = await h.send('TRANSFER_DELETION_REQUESTED', { transferId }, 'TRANSFER_DELETED');
    expect(failureOf(answer)).toEqual({ code: 'permission-denied', message: recordOwnerOnly('transfer') });
    expect((await h.read(`transfers/${transferId}`)).get('deleted')).toBeFalse();
    expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
  });
});
