import { BUDGETS_ADMIN_ONLY, type BudgetDraft, type DomainEvent } from '@maestro/contracts';
import { deleteDoc, doc, setDoc } from 'firebase/firestore';
import { ownerFirestore } from '../../../testing/emulator-app';
import { failureOf, startOrchestrator, type OrchestratorHarness } from '../../../testing/orchestrator-harness';
import { BudgetsOrchestrator } from './budgets-orchestrator';

describe('BudgetsOrchestrator (emulator)', () => {
  let h: OrchestratorHarness<BudgetsOrchestrator>;
  const run = Math.random().toString(36).slice(2, 8);
  // A category of this run only, so parallel runs never share a budget.
  const categoryId = `budget-spec-${run}`;
  const budgetPath = `budgets/${categoryId}_USD`;

  // Fixtures as stored (rules off): a client could not write them without their activity entries.
  beforeAll(async () => {
    await setDoc(doc(ownerFirestore(), `categories/${categoryId}`), {
      name: `Spec ${run}`, colour: '#123456', icon: 'category', parentId: null, createdBy: 'demo-admin',
    });
  });

  afterAll(async () => {
    await deleteDoc(doc(ownerFirestore(), budgetPath));
    await deleteDoc(doc(ownerFirestore(), `categories/${categoryId}`));
  });

  // Budgets are the admins': the rules refuse them to staff.
  beforeEach(async () => (h = await startOrchestrator(BudgetsOrchestrator, 'admin@maestro.test')));
  afterEach(() => h.stop());

  const set = (amountMinor: number, overrides: Partial<BudgetDraft> = {}) =>
    h.send('BUDGET_SETTING_REQUESTED', { budget: { categoryId, currency: 'USD', amountMinor, ...overrides } }, 'BUDGET_SET');
  const payload = (answer: DomainEvent) => (answer as DomainEvent<'BUDGET_SET'>).payload;

  it('sets, changes and removes a budget, each with its activity entry of old → new', async () => {
    const first = await set(50_000);
    expect(payload(first.answer)).toEqual({
      budgetId: `${categoryId}_USD`, budget: { categoryId, currency: 'USD', amountMinor: 50_000 }, previousAmountMinor: null,
    });
    expect((await h.read(budgetPath)).data()).toEqual(
      jasmine.objectContaining({ categoryId, currency: 'USD', amountMinor: 50_000, updatedBy: h.user.uid, auditId: first.request.id }),
    );
    expect((await h.read(budgetPath)).get('updatedAt')).toBeTruthy();
    const entry = await h.read(`activity/${first.request.id}`);
    expect(entry.get('action')).toBe('BUDGET_SET');
    expect(entry.get('subject')).toEqual({ type: 'budget', id: `${categoryId}_USD` });
    expect(entry.get('changes')).toEqual({ amountMinor: { from: null, to: 50_000 } });

    const changed = await set(75_000);
    expect(payload(changed.answer).previousAmountMinor).toBe(50_000);
    expect((await h.read(budgetPath)).get('amountMinor')).toBe(75_000);
    expect((await h.read(`activity/${changed.request.id}`)).get('changes')).toEqual({ amountMinor: { from: 50_000, to: 75_000 } });

    const removed = await set(0);
    expect(payload(removed.answer).previousAmountMinor).toBe(75_000);
    expect((await h.read(budgetPath)).exists()).toBeFalse();
    // A delete carries no data: its entry is named after the version it removed (the last set's).
    const removal = await h.read(`activity/del-${categoryId}_USD-${changed.request.id}`);
    expect(removal.get('action')).toBe('BUDGET_REMOVED');
    expect(removal.get('changes')).toEqual({ amountMinor: { from: 75_000, to: null } });
    expect(removal.get('correlationId')).toBe(removed.request.correlationId);
  });

  it('writes and logs nothing when the amount is already so', async () => {
    await set(20_000);
    const again = await set(20_000);

    expect(payload(again.answer).previousAmountMinor).toBe(20_000);
    expect((await h.read(`activity/${again.request.id}`)).exists()).toBeFalse();
    await set(0);
  });

  it('leaves budgets to admins: staff are told so and nothing is written', async () => {
    await h.stop();
    h = await startOrchestrator(BudgetsOrchestrator, 'staff@maestro.test');
    const { request, answer } = await set(10_000);
    expect(failureOf(answer)).toEqual({ code: 'permission-denied', message: BUDGETS_ADMIN_ONLY });
    expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
    expect((await h.read(budgetPath)).exists()).toBeFalse();
  });

  it('refuses an unknown category and writes nothing', async () => {
    const missing = `missing-${run}`;
    const { request, answer } = await set(10_000, { categoryId: missing });

    expect(failureOf(answer)).toEqual({ code: 'not-found', message: jasmine.stringMatching(/category no longer exists/) });
    expect((await h.read(`budgets/${missing}_USD`)).exists()).toBeFalse();
    expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
  });

  it('refuses amounts that are not whole, non-negative minor units, and bad currency codes', async () => {
    const cases: [number, Partial<BudgetDraft>, RegExp][] = [
      [-1, {}, /zero or more/],
      [12.5, {}, /zero or more/],
      [1e14, {}, /too large/],
      [100, { currency: 'usd' }, /three-letter currency code/],
      [100, { categoryId: '' }, /Choose a category/],
    ];
    for (const [amount, overrides, message] of cases) {
      const { request, answer } = await set(amount, overrides);
      const failure = failureOf(answer);
      expect(failure.code).withContext(String(amount)).toBe('invalid-argument');
      expect(failure.message).withContext(String(amount)).toMatch(message);
      expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
    }
    expect((await h.read(budgetPath)).exists()).toBeFalse();
  });
});
