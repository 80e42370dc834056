import { Injectable, inject } from '@angular/core';
import {
  CATEGORY_DELETE_ADMIN_ONLY,
  CATEGORY_DEPTH_MAX,
  categoryDraftProblems,
  categoryNameClaimPath,
  nameKey,
  categoryNameTaken,
  cleanName,
  comparableName,
  creationChanges,
  diffChanges,
  type CategoryDraft,
  type DomainEvent,
} from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import type { BatchWrite } from '../../core/persistence/batch-write';
import { activityWrite, actorUid, deletionEntryId } from './ledger-writes';
import { claimTakenMeanwhile, claimWrites, readClaimHolders } from './name-claims';
import { refusal } from './refusal';
import { createsLoop, depthUnder } from '../model/category-tree';

type CategoryEvent = DomainEvent<'CATEGORY_CREATION_REQUESTED' | 'CATEGORY_UPDATE_REQUESTED' | 'CATEGORY_DELETION_REQUESTED'>;

/**
 * Keeps the category tree: each change and its activity entry in one batch. Refuses what would
 * break the ledger: a parent loop, or deleting a category that expenses or sub-categories use.
 */
@Injectable({ providedIn: 'root' })
export class CategoriesOrchestrator extends BaseOrchestratorService {
  readonly name = 'categories';
  private readonly batch = inject(BatchOperationService);
  private readonly loader = inject(FirestoreLoader);
  private readonly session = inject(Session);

  protected listen(): void {
    this.handleEvent('CATEGORY_CREATION_REQUESTED', { concurrency: 'exhaust' });
    this.handleEvent('CATEGORY_UPDATE_REQUESTED');
    this.handleEvent('CATEGORY_DELETION_REQUESTED');
  }

  protected async eventCallback(event: CategoryEvent): Promise<void> {
    if (event.type === 'CATEGORY_CREATION_REQUESTED') return this.create(event as DomainEvent<'CATEGORY_CREATION_REQUESTED'>);
    if (event.type === 'CATEGORY_UPDATE_REQUESTED') return this.update(event as DomainEvent<'CATEGORY_UPDATE_REQUESTED'>);
    return this.remove(event as DomainEvent<'CATEGORY_DELETION_REQUESTED'>);
  }

  private async create(event: DomainEvent<'CATEGORY_CREATION_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const category = clean(event.payload.category);
    checkDraft(category);
    const categoryId = event.id;
    const all = await this.categories();
    if (category.parentId) {
      if (!all.has(category.parentId)) throw refusal('invalid-argument', 'The parent category no longer exists.');
      checkDepth(depthUnder(all, categoryId, category.parentId));
    }
    const claims = await this.nameClaims(all, categoryId, category);
    const { serverTimestamp } = await import('firebase/firestore');
    await this.commitClaiming(all, categoryId, category, [
      {
        kind: 'set',
        path: `categories/${categoryId}`,
        // Its name's key, which the rules check (they cannot lower É themselves): contracts/unique-names.ts.
        data: { ...category, nameKey: nameKey(category.name), createdBy: uid, createdAt: serverTimestamp(), auditId: event.id },
      },
      ...claims,
      await activityWrite(event, 'CATEGORY_CREATED', { type: 'category', id: categoryId }, creationChanges({ ...category })),
    ]);
    this.bus.emit(this.events.follow(event, 'CATEGORY_CREATED', { categoryId, category }));
  }

  private async update(event: DomainEvent<'CATEGORY_UPDATE_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const { categoryId } = event.payload;
    const category = clean(event.payload.category);
    checkDraft(category);
    const all = await this.categories();
    const current = all.get(categoryId);
    if (!current) throw refusal('not-found', 'That category no longer exists: someone may have deleted it.');
    if (category.parentId && !all.has(category.parentId)) throw refusal('invalid-argument', 'The parent category no longer exists.');
    if (createsLoop(all, categoryId, category.parentId)) {
      throw refusal('invalid-argument', 'A category cannot sit under itself or one of its own sub-categories.');
    }
    checkDepth(depthUnder(all, categoryId, category.parentId));
    const before = pick(current);
    const changes = diffChanges(before, { ...category });
    // A new name or parent (not merely a new case or spacing) needs its claim, and frees the old one.
    const previousClaimPath = categoryNameClaimPath(current.parentId, current.name);
    const moved = categoryNameClaimPath(category.parentId, category.name) !== previousClaimPath;
    const claims = moved ? await this.nameClaims(all, categoryId, category, previousClaimPath) : [];
    const { serverTimestamp } = await import('firebase/firestore');
    await this.commitClaiming(all, categoryId, category, [
      { kind: 'update', path: `categories/${categoryId}`, data: { ...category, nameKey: nameKey(category.name), updatedBy: uid, updatedAt: serverTimestamp(), auditId: event.id } },
      ...claims,
      await activityWrite(event, 'CATEGORY_UPDATED', { type: 'category', id: categoryId }, changes),
    ]);
    this.bus.emit(this.events.follow(event, 'CATEGORY_UPDATED', { categoryId, changes }));
  }

  private async remove(event: DomainEvent<'CATEGORY_DELETION_REQUESTED'>): Promise<void> {
    actorUid(event);
    if (!this.session.isAdmin()) throw refusal('permission-denied', CATEGORY_DELETE_ADMIN_ONLY);
    const { categoryId } = event.payload;
    const all = await this.categories();
    const current = all.get(categoryId);
    if (!current) throw refusal('not-found', 'That category no longer exists: someone may have deleted it.');
    const children = [...all.values()].filter((c) => c.parentId === categoryId);
    if (children.length) {
      throw refusal('failed-precondition', `“${current.name}” has sub-categories (${children.map((c) => c.name).join(', ')}). Move or delete them first.`);
    }
    const used = await this.expensesUsing(categoryId);
    if (used > 0) {
      throw refusal('failed-precondition', `${used} expense${used === 1 ? ' uses' : 's use'} “${current.name}”. Move ${used === 1 ? 'it' : 'them'} to another category first.`);
    }
    const db = await this.loader.firestore();
    const { collection, getDocsFromServer, query, where } = await import('firebase/firestore');
    // Its budgets go with it, in the same batch: a budget of a missing category would be orphaned.
    const budgets = await getDocsFromServer(query(collection(db, 'budgets'), where('categoryId', '==', categoryId)));
    // A delete names no entry: each goes with an entry at the name the rules derive (deletionEntryId).
    const budgetRemovals = await Promise.all(
      budgets.docs.map(async (d) => [
        { kind: 'delete' as const, path: `budgets/${d.id}` },
        await activityWrite(
          event,
          'BUDGET_REMOVED',
          { type: 'budget', id: d.id },
          { amountMinor: { from: d.get('amountMinor') as number, to: null } },
          deletionEntryId(d.id, d.data()),
        ),
      ]),
    );
    // Its name goes free with it (the claim, if it is this category's: older ones have none).
    const claimPath = categoryNameClaimPath(current.parentId, current.name);
    const { doc, getDocFromServer } = await import('firebase/firestore');
    const claim = await getDocFromServer(doc(db, claimPath));
    const freeName: BatchWrite[] = claim.exists() && claim.get('categoryId') === categoryId ? [{ kind: 'delete', path: claimPath }] : [];
    await this.batch.commit([
      ...budgetRemovals.flat(),
      ...freeName,
      { kind: 'delete', path: `categories/${categoryId}` },
      await activityWrite(
        event,
        'CATEGORY_DELETED',
        { type: 'category', id: categoryId },
        diffChanges(pick(current), {}),
        deletionEntryId(categoryId, current),
      ),
    ]);
    this.bus.emit(this.events.follow(event, 'CATEGORY_DELETED', { categoryId }));
  }

  /**
   * Refuses a name a sibling has (any case and spacing), then plans the claim that makes the rules
   * agree; the message names the parent by its path.
   */
  private async nameClaims(all: Map<string, CategoryDraft>, categoryId: string, category: CategoryDraft, previousClaimPath?: string): Promise<BatchWrite[]> {
    const siblings = [...all.entries()].filter(([id, other]) => id !== categoryId && (other.parentId ?? null) === category.parentId);
    const clash = siblings.find(([, other]) => comparableName(other.name) === comparableName(category.name));
    if (clash) throw refusal('already-exists', categoryNameTaken(clash[1], parentPath(all, category.parentId)));
    const db = await this.loader.firestore();
    const claimPathOf = new Map([...all.entries()].filter(([id]) => id !== categoryId).map(([id, c]) => [id, categoryNameClaimPath(c.parentId, c.name)]));
    const plan = { claimPath: categoryNameClaimPath(category.parentId, category.name), ownerField: 'categoryId', ownerId: categoryId, previousClaimPath };
    const writes = claimWrites(plan, await readClaimHolders(db, plan), claimPathOf);
    if (!writes) throw refusal('already-exists', categoryNameTaken(category, parentPath(all, category.parentId)));
    return writes;
  }

  /** Commits; when someone took the name between our check and the commit, says so in words. */
  private async commitClaiming(all: Map<string, CategoryDraft>, categoryId: string, category: CategoryDraft, writes: BatchWrite[]): Promise<void> {
    try {
      await this.batch.commit(writes);
    } catch (error) {
      const db = await this.loader.firestore();
      const claimPath = categoryNameClaimPath(category.parentId, category.name);
      if ((error as { code?: string }).code === 'permission-denied' && (await claimTakenMeanwhile(db, claimPath, 'categoryId', categoryId))) {
        throw refusal('already-exists', categoryNameTaken(category, parentPath(all, category.parentId)));
      }
      throw error;
    }
  }

  private async categories(): Promise<Map<string, CategoryDraft>> {
    const db = await this.loader.firestore();
    const { collection, getDocsFromServer } = await import('firebase/firestore');
    const snapshot = await getDocsFromServer(collection(db, 'categories'));
    return new Map(snapshot.docs.map((d) => [d.id, d.data() as CategoryDraft]));
  }

  /** Expenses (deleted ones included: undo could bring them back) filed under the category. */
  private async expensesUsing(categoryId: string): Promise<number> {
    const db = await this.loader.firestore();
    const { collection, getCountFromServer, query, where } = await import('firebase/firestore');
    const snapshot = await getCountFromServer(query(collection(db, 'expenses'), where('categoryId', '==', categoryId)));
    return snapshot.data().count;
  }
}

/** The rules walk a category's parents at most CATEGORY_DEPTH_MAX levels up (that is what rules out cycles). */
function checkDepth(depth: number): void {
  if (depth > CATEGORY_DEPTH_MAX) {
    throw refusal('invalid-argument', `Categories nest at most ${CATEGORY_DEPTH_MAX} levels deep; this would make ${depth}. Choose a parent higher up.`);
  }
}

/** "Ingredients › Produce" for a parent, null for the top level (at most four levels: no loop to fear). */
function parentPath(all: Map<string, CategoryDraft>, parentId: string | null): string | null {
  const names: string[] = [];
  for (let id = parentId; id && names.length <= CATEGORY_DEPTH_MAX; id = all.get(id)?.parentId ?? null) names.unshift(all.get(id)?.name ?? id);
  return names.length ? names.join(' › ') : null;
}

function clean(draft: CategoryDraft): CategoryDraft {
  return { name: cleanName(draft.name), colour: draft.colour.toLowerCase(), icon: draft.icon, parentId: draft.parentId || null };
}

function checkDraft(draft: CategoryDraft): void {
  const problems = categoryDraftProblems(draft);
  if (problems.length) throw refusal('invalid-argument', problems.join(' '));
}

function pick(category: CategoryDraft): Record<string, unknown> {
  return { name: category.name, colour: category.colour, icon: category.icon, parentId: category.parentId ?? null };
}
