import { CATEGORY_DELETE_ADMIN_ONLY, type CategoryDraft } from '@maestro/contracts';
import { collection, getCountFromServer, query, where, writeBatch, doc } from 'firebase/firestore';
import { ownerFirestore } from '../../../testing/emulator-app';
import { failureOf, startOrchestrator, type OrchestratorHarness } from '../../../testing/orchestrator-harness';
import { createsLoop, depthUnder } from '../model/category-tree';
import { CategoriesOrchestrator } from './categories-orchestrator';

describe('CategoriesOrchestrator (emulator)', () => {
  let h: OrchestratorHarness<CategoriesOrchestrator>;
  // Names are unique under one parent: each spec its own.
  let run: string;
  const draft = (overrides: Partial<CategoryDraft> = {}): CategoryDraft => ({ name: ` Linen ${run} `, colour: '#00897B', icon: 'dry_cleaning', parentId: null, ...overrides });

  beforeEach(async () => {
    run = Math.random().toString(36).slice(2, 8);
    h = await startOrchestrator(CategoriesOrchestrator);
  });
  afterEach(() => h.stop());

  async function created(overrides: Partial<CategoryDraft> = {}): Promise<string> {
    const { answer } = await h.send('CATEGORY_CREATION_REQUESTED', { category: draft(overrides) }, 'CATEGORY_CREATED');
    if (answer.type !== 'CATEGORY_CREATED') throw new Error(failureOf(answer).message);
    return (answer.payload as { categoryId: string }).categoryId;
  }

  it('creates a category and its activity entry together', async () => {
    const { request, answer } = await h.send('CATEGORY_CREATION_REQUESTED', { category: draft() }, 'CATEGORY_CREATED');

    expect(answer.type).toBe('CATEGORY_CREATED');
    const category = await h.read(`categories/${request.id}`);
    expect(category.data()).toEqual(
      jasmine.objectContaining({ name: `Linen ${run}`, colour: '#00897b', icon: 'dry_cleaning', parentId: null, createdBy: h.user.uid, auditId: request.id }),
    );
    const entry = await h.read(`activity/${request.id}`);
    expect(entry.get('action')).toBe('CATEGORY_CREATED');
    expect(entry.get('changes.name')).toEqual({ from: null, to: `Linen ${run}` });
  });

  it('refuses a nameless, colourless category and writes nothing', async () => {
    const { request, answer } = await h.send('CATEGORY_CREATION_REQUESTED', { category: draft({ name: ' ', colour: 'teal' }) }, 'CATEGORY_CREATED');

    expect(failureOf(answer).message).toContain('Give the category a name.');
    expect(failureOf(answer).message).toContain('Pick a colour.');
    expect((await h.read(`categories/${request.id}`)).exists()).toBeFalse();
    expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
  });

  it('renames and moves a category, logging old → new of the changed fields only', async () => {
    const id = await created();
    const { request, answer } = await h.send(
      'CATEGORY_UPDATE_REQUESTED',
      { categoryId: id, category: draft({ name: `Laundry ${run}`, parentId: 'utilities' }) },
      'CATEGORY_UPDATED',
    );

    expect(answer.type).toBe('CATEGORY_UPDATED');
    expect((await h.read(`categories/${id}`)).get('parentId')).toBe('utilities');
    const entry = await h.read(`activity/${request.id}`);
    expect(entry.get('changes')).toEqual({
      name: { from: `Linen ${run}`, to: `Laundry ${run}` },
      parentId: { from: null, to: 'utilities' },
    });
  });

  it('refuses to put a category under its own sub-category', async () => {
    const parent = await created();
    const child = await created({ name: `Towels ${run}`, parentId: parent });
    const { answer } = await h.send('CATEGORY_UPDATE_REQUESTED', { categoryId: parent, category: draft({ parentId: child }) }, 'CATEGORY_UPDATED');

    expect(failureOf(answer).message).toBe('A category cannot sit under itself or one of its own sub-categories.');
    expect((await h.read(`categories/${parent}`)).get('parentId')).toBeNull();
  });

  it('refuses to nest deeper than four levels, on creation and when moving a branch', async () => {
    const one = await created();
    const two = await created({ name: `Two ${run}`, parentId: one });
    const three = await created({ name: `Three ${run}`, parentId: two });
    const four = await created({ name: `Four ${run}`, parentId: three });
    const five = await h.send('CATEGORY_CREATION_REQUESTED', { category: draft({ name: `Five ${run}`, parentId: four }) }, 'CATEGORY_CREATED');
    expect(failureOf(five.answer)).toEqual({ code: 'invalid-argument', message: jasmine.stringMatching(/^Categories nest at most 4 levels deep; this would make 5\./) as unknown as string });
    expect((await h.read(`categories/${five.request.id}`)).exists()).toBeFalse();
    const other = await created({ name: `Other ${run}` });
    const otherChild = await created({ name: `Other child ${run}`, parentId: other });
    // two, three and four under a second-level category: four would sit at level 5.
    const moved = await h.send('CATEGORY_UPDATE_REQUESTED', { categoryId: two, category: draft({ name: `Two ${run}`, parentId: otherChild }) }, 'CATEGORY_UPDATED');
    expect(failureOf(moved.answer).message).toMatch(/this would make 5\./);
    expect((await h.read(`categories/${two}`)).get('parentId')).toBe(one);
  });

  it('says not-found when the category is gone', async () => {
    const { answer } = await h.send('CATEGORY_UPDATE_REQUESTED', { categoryId: `missing-${run}`, category: draft() }, 'CATEGORY_UPDATED');
    expect(failureOf(answer).code).toBe('not-found');
  });

  it('leaves deleting to admins: staff are told so and nothing is removed', async () => {
    const id = await created();
    const { request, answer } = await h.send('CATEGORY_DELETION_REQUESTED', { categoryId: id }, 'CATEGORY_DELETED');
    expect(failureOf(answer)).toEqual({ code: 'permission-denied', message: CATEGORY_DELETE_ADMIN_ONLY });
    expect((await h.read(`categories/${id}`)).exists()).toBeTrue();
    expect((await h.read(`activity/${request.id}`)).exists()).toBeFalse();
  });

  it('deletes (an admin) an unused category with its budgets, each with its deletion entry; refuses one with sub-categories', async () => {
    const parent = await created();
    const child = await created({ name: `Towels ${run}`, parentId: parent });
    await h.stop();
    h = await startOrchestrator(CategoriesOrchestrator, 'admin@maestro.test');
    await writeBatch(ownerFirestore())
      .set(doc(ownerFirestore(), `budgets/${child}_USD`), { categoryId: child, currency: 'USD', amountMinor: 1000, updatedBy: 'demo-admin', auditId: 'ev-budget' })
      .commit();

    const refused = await h.send('CATEGORY_DELETION_REQUESTED', { categoryId: parent }, 'CATEGORY_DELETED');
    expect(failureOf(refused.answer).message).toContain('has sub-categories');

    const removed = await h.send('CATEGORY_DELETION_REQUESTED', { categoryId: child }, 'CATEGORY_DELETED');
    expect(removed.answer.type).toBe('CATEGORY_DELETED');
    expect((await h.read(`categories/${child}`)).exists()).toBeFalse();
    expect((await h.read(`budgets/${child}_USD`)).exists()).toBeFalse();
    // Deletes carry no data: their entries sit where the rules look, named after the version deleted.
    // (The child names its creation's entry, whose id is the child's id.)
    const categoryEntry = await h.read(`activity/del-${child}-${child}`);
    expect(categoryEntry.get('action')).toBe('CATEGORY_DELETED');
    expect(categoryEntry.get('changes.name')).toEqual({ from: `Towels ${run}`, to: null });
    const budgetEntry = await h.read(`activity/del-${child}_USD-ev-budget`);
    expect(budgetEntry.get('action')).toBe('BUDGET_REMOVED');
    expect(budgetEntry.get('correlationId')).toBe(removed.request.correlationId);
  });

  it('refuses to delete a category that expenses use', async () => {
    const used = await getCountFromServer(query(collection(h.db, 'expenses'), where('categoryId', '==', 'produce')));
    await h.stop();
    h = await startOrchestrator(CategoriesOrchestrator, 'admin@maestro.test');
    if (used.data().count === 0) {
      await writeBatch(ownerFirestore())
        .set(doc(ownerFirestore(), `expenses/cat-spec-${run}`), {
          accountId: 'cash-register', categoryId: 'produce', amountMinor: 100, currency: 'USD', date: '2026-01-05', month: '2026-01',
          payee: 'Market', note: '', tags: [], keywords: [], deleted: false, createdBy: h.user.uid, updatedBy: h.user.uid,
        })
        .commit();
    }
    const { answer } = await h.send('CATEGORY_DELETION_REQUESTED', { categoryId: 'produce' }, 'CATEGORY_DELETED');

    expect(failureOf(answer).code).toBe('failed-precondition');
    expect(failureOf(answer).message).toMatch(/^\d+ expenses? uses? “Produce”\. Move (it|them) to another category first\.$/);
    expect((await h.read('categories/produce')).exists()).toBeTrue();
  });
});

describe('depthUnder', () => {
  const tree = new Map([
    ['a', { parentId: null }],
    ['b', { parentId: 'a' }],
    ['c', { parentId: 'b' }],
    ['x', { parentId: null }],
    ['y', { parentId: 'x' }],
  ]);
  it('counts the levels the deepest category would sit at', () => {
    expect(depthUnder(tree, 'new', null)).toBe(1);
    expect(depthUnder(tree, 'new', 'c')).toBe(4);
    expect(depthUnder(tree, 'x', 'c')).toBe(5);
    expect(depthUnder(tree, 'x', null)).toBe(2);
  });
});

describe('createsLoop', () => {
  const tree = new Map([
    ['a', { parentId: null }],
    ['b', { parentId: 'a' }],
    ['c', { parentId: 'b' }],
  ]);
  it('sees a category placed under itself or a descendant', () => {
    expect(createsLoop(tree, 'a', 'a')).toBeTrue();
    expect(createsLoop(tree, 'a', 'c')).toBeTrue();
    expect(createsLoop(tree, 'c', 'a')).toBeFalse();
    expect(createsLoop(tree, 'b', null)).toBeFalse();
  });
});
