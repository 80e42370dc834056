import type { AccountDraft, CategoryDraft, DomainEvent } from '@maestro/contracts';
import { doc, writeBatch } from 'firebase/firestore';
import { ownerFirestore } from '../../../testing/emulator-app';
import { failureOf, startOrchestrator, type OrchestratorHarness } from '../../../testing/orchestrator-harness';
import { AccountsOrchestrator } from './accounts-orchestrator';
import { CategoriesOrchestrator } from './categories-orchestrator';

// Issue 17: no two accounts of one currency, and no two categories under one parent, share a name
// (any case, any spacing). Against the emulator and the real rules, which hold the same line.

/** Each spec makes several commits in a row; a busy shared emulator takes seconds per commit. */
const SLOW_EMULATOR_MS = 60_000;
describe('Account names are unique per currency (emulator)', () => {
  let h: OrchestratorHarness<AccountsOrchestrator>;
  const run = Math.random().toString(36).slice(2, 8);
  const name = `Cash register ${run}`;
  const draft = (overrides: Partial<AccountDraft> = {}): AccountDraft => ({ name, type: 'cash', currency: 'USD', openingBalanceMinor: 0, ...overrides });
  const created: string[] = [];

  beforeEach(async () => (h = await startOrchestrator(AccountsOrchestrator)));
  afterEach(() => h.stop());
  // Archived, so they do not crowd the accounts page of whoever uses the emulator next.
  afterAll(async () => {
    const batch = writeBatch(ownerFirestore());
    for (const id of created) batch.update(doc(ownerFirestore(), `accounts/${id}`), { archived: true });
    await batch.commit();
  }, SLOW_EMULATOR_MS);

  async function create(account: AccountDraft) {
    const sent = await h.send('ACCOUNT_CREATION_REQUESTED', { account }, 'ACCOUNT_CREATED');
    if (sent.answer.type === 'ACCOUNT_CREATED') created.push(sent.request.id);
    return sent;
  }
  const rename = (accountId: string, newName: string) => h.send('ACCOUNT_UPDATE_REQUESTED', { accountId, patch: { name: newName } }, 'ACCOUNT_UPDATED');

  it('claims the name with the account; refuses the same name in any case or spacing, and writes nothing', async () => {
    const first = await create(draft({ name: `  Cash   register ${run} ` }));
    expect(first.answer.type).toBe('ACCOUNT_CREATED');
    expect((await h.read(`accounts/${first.request.id}`)).get('name')).withContext('spaces tidied').toBe(name);
    expect((await h.read(`accountNames/USD:cash register ${run}`)).get('accountId')).toBe(first.request.id);

    for (const variant of [name, `cash  REGISTER ${run}`, ` CASH register ${run}\t`]) {
      const { request, answer } = await create(draft({ name: variant }));
      expect(failureOf(answer)).withContext(variant).toEqual({ code: 'already-exists', message: `An account named “${name}” in USD already exists.` });
      expect((await h.read(`accounts/${request.id}`)).exists()).toBeFalse();
      expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
    }
  }, SLOW_EMULATOR_MS);

  it('lets the same name be used in another currency', async () => {
    const shared = `Float ${run}`;
    expect((await create(draft({ name: shared }))).answer.type).toBe('ACCOUNT_CREATED');
    expect((await create(draft({ name: shared, currency: 'EUR' }))).answer.type).toBe('ACCOUNT_CREATED');
  }, SLOW_EMULATOR_MS);

  it('refuses a rename to a taken name; a new case of its own name is fine, and a rename frees the old name', async () => {
    const own = `Tips jar ${run}`;
    await create(draft({ name: `Counter ${run}` }));
    const { request } = await create(draft({ name: own }));
    const tips = request.id;

    const taken = await rename(tips, `COUNTER ${run}`);
    expect(failureOf(taken.answer)).toEqual({ code: 'already-exists', message: `An account named “Counter ${run}” in USD already exists.` });
    expect((await h.read(`accounts/${tips}`)).get('name')).toBe(own);

    const recased = await rename(tips, `TIPS  jar ${run}`);
    expect(recased.answer.type).toBe('ACCOUNT_UPDATED');
    expect((await h.read(`accounts/${tips}`)).get('name')).toBe(`TIPS jar ${run}`);

    const moved = await rename(tips, `Tip box ${run}`);
    expect(moved.answer.type).toBe('ACCOUNT_UPDATED');
    expect((await h.read(`accountNames/USD:tips jar ${run}`)).exists()).withContext('old name freed').toBeFalse();
    const back = await rename(tips, own);
    expect(back.answer.type).withContext('its own old name, back again').toBe('ACCOUNT_UPDATED');
  }, SLOW_EMULATOR_MS);

  it('says an archived account has the name, so it can be brought back instead', async () => {
    const { request } = await create(draft({ name: `Old till ${run}` }));
    await h.send('ACCOUNT_UPDATE_REQUESTED', { accountId: request.id, patch: { archived: true } }, 'ACCOUNT_UPDATED');
    const { answer } = await create(draft({ name: `old till ${run}` }));
    expect(failureOf(answer).message).toBe(`An account named “Old till ${run}” in USD already exists (archived: unarchive it instead, or choose another name).`);
  }, SLOW_EMULATOR_MS);

  it('refuses a name an account written before claims already has, and lets either be renamed apart', async () => {
    // Two accounts stored before names were unique: no claims.
    const batch = writeBatch(ownerFirestore());
    const legacy = [`legacy-a-${run}`, `legacy-b-${run}`];
    for (const id of legacy) {
      batch.set(doc(ownerFirestore(), `accounts/${id}`), { name: `Spare ${run}`, type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: 'demo-admin' });
    }
    await batch.commit();
    created.push(...legacy);

    expect(failureOf((await create(draft({ name: `SPARE ${run}` }))).answer).code).toBe('already-exists');
    const apart = await rename(legacy[1]!, `Spare 2 ${run}`);
    expect(apart.answer.type).toBe('ACCOUNT_UPDATED');
    const archived = await h.send('ACCOUNT_UPDATE_REQUESTED', { accountId: legacy[0]!, patch: { archived: true } }, 'ACCOUNT_UPDATED');
    expect(archived.answer.type).withContext('an unclaimed name does not block other edits').toBe('ACCOUNT_UPDATED');
  }, SLOW_EMULATOR_MS);
});

describe('Category names are unique under one parent (emulator)', () => {
  let h: OrchestratorHarness<CategoriesOrchestrator>;
  const run = Math.random().toString(36).slice(2, 8);
  const draft = (name: string, parentId: string | null = null): CategoryDraft => ({ name, colour: '#00897b', icon: 'eco', parentId });

  beforeEach(async () => (h = await startOrchestrator(CategoriesOrchestrator, 'admin@maestro.test')));
  afterEach(() => h.stop());

  async function created(name: string, parentId: string | null = null): Promise<string> {
    const { answer } = await h.send('CATEGORY_CREATION_REQUESTED', { category: draft(name, parentId) }, 'CATEGORY_CREATED');
    if (answer.type !== 'CATEGORY_CREATED') throw new Error(failureOf(answer).message);
    return (answer as DomainEvent<'CATEGORY_CREATED'>).payload.categoryId;
  }
  const update = (categoryId: string, category: CategoryDraft) => h.send('CATEGORY_UPDATE_REQUESTED', { categoryId, category }, 'CATEGORY_UPDATED');
  const remove = (categoryId: string) => h.send('CATEGORY_DELETION_REQUESTED', { categoryId }, 'CATEGORY_DELETED');

  it('refuses a sibling of the same name, saying under which parent; another parent is fine', async () => {
    const parent = await created(`Stock ${run}`);
    const child = await created(`Produce`, parent);
    expect((await h.read(`categoryNames/${parent}:produce`)).get('categoryId')).toBe(child);

    const { request, answer } = await h.send('CATEGORY_CREATION_REQUESTED', { category: draft(' PRODUCE ', parent) }, 'CATEGORY_CREATED');
    expect(failureOf(answer)).toEqual({ code: 'already-exists', message: `A category named “Produce” already exists under “Stock ${run}”.` });
    expect((await h.read(`categories/${request.id}`)).exists()).toBeFalse();

    const top = await h.send('CATEGORY_CREATION_REQUESTED', { category: draft(`stock  ${run}`) }, 'CATEGORY_CREATED');
    expect(failureOf(top.answer).message).toBe(`A top-level category named “Stock ${run}” already exists.`);

    const other = await created(`Bar stock ${run}`);
    const otherChild = await created('Produce', other);
    // Deleted again (children first), so the categories page of whoever uses the emulator stays tidy.
    for (const id of [child, otherChild, other, parent]) expect((await remove(id)).answer.type).toBe('CATEGORY_DELETED');
  }, SLOW_EMULATOR_MS);

  it('refuses a rename or a move onto a taken name; its own name in another case is fine; deleting frees the name', async () => {
    const parent = await created(`Kitchen ${run}`);
    const knives = await created('Knives', parent);
    const pans = await created('Pans', parent);
    const loose = await created(`Knives ${run}`);

    expect(failureOf((await update(pans, draft('knives', parent))).answer).code).toBe('already-exists');
    expect(failureOf((await update(loose, draft('Knives', parent))).answer).message).toBe(`A category named “Knives” already exists under “Kitchen ${run}”.`);
    expect((await update(pans, draft('PANS', parent))).answer.type).toBe('CATEGORY_UPDATED');

    expect((await remove(knives)).answer.type).toBe('CATEGORY_DELETED');
    expect((await h.read(`categoryNames/${parent}:knives`)).exists()).withContext('the deleted name is free').toBeFalse();
    expect((await update(loose, draft('Knives', parent))).answer.type).toBe('CATEGORY_UPDATED');
    expect((await h.read(`categoryNames/${parent}:knives`)).get('categoryId')).toBe(loose);
    expect((await h.read(`categoryNames/root:knives ${run}`)).exists()).withContext('the old claim goes with the move').toBeFalse();
    for (const id of [loose, pans, parent]) await remove(id);
  }, SLOW_EMULATOR_MS);
});
