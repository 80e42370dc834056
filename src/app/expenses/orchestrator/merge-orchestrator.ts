import { Injectable, inject } from '@angular/core';
import { MERGE_ADMIN_ONLY, accountNameClaimPath, categoryNameClaimPath, type DomainEvent } from '@maestro/contracts';
import type { DocumentData, Firestore, QuerySnapshot } from 'firebase/firestore';
import { lastValueFrom, tap } from 'rxjs';
import { Session } from '../../core/auth/session';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import { BatchOperationError } from '../../core/persistence/batch-write';
import { planMergeWrites } from '../data/merge-writes';
import {
  MergeRefusedError,
  planAccountMerge,
  planCategoryMerge,
  type MergeAccount,
  type MergeBudget,
  type MergeCategory,
  type MergePlan,
  type MergeTransfer,
} from '../model/merge-plan';
import { actorUid } from './ledger-writes';
import { refusal } from './refusal';

type FirestoreModule = typeof import('firebase/firestore');
const rows = <T>(snapshot: QuerySnapshot<DocumentData>): T[] => snapshot.docs.map((d) => ({ ...(d.data() as object), id: d.id }) as T);

/**
 * Merges duplicates for an admin (model/merge-plan.ts has the product rules): reads what points at
 * the others from the server, plans, and writes it all or nothing through BatchOperation (large
 * merges take several commits, rolled back together on a failure), with progress on the bus.
 */
@Injectable({ providedIn: 'root' })
export class MergeOrchestrator extends BaseOrchestratorService {
  readonly name = 'duplicates-merge';
  private readonly batch = inject(BatchOperationService);
  private readonly loader = inject(FirestoreLoader);
  private readonly session = inject(Session);

  protected listen(): void {
    // exhaust: a double-clicked "Merge" must not start a second merge of the same duplicates.
    this.handleEvent('DUPLICATES_MERGE_REQUESTED', { concurrency: 'exhaust' });
  }

  protected async eventCallback(event: DomainEvent<'DUPLICATES_MERGE_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    if (!this.session.isAdmin()) throw refusal('permission-denied', MERGE_ADMIN_ONLY);
    const { kind, survivorId, otherIds } = event.payload;
    const ids = [survivorId, ...otherIds];
    if (ids.some((id) => typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(id))) throw refusal('invalid-argument', 'These are not duplicates that can be merged.');
    const [db, fs] = await Promise.all([this.loader.firestore(), import('firebase/firestore')]);
    const { plan, claimHolders } = await (kind === 'account' ? this.readAccounts(db, fs, survivorId, otherIds) : this.readCategories(db, fs, survivorId, otherIds)).catch(
      (error: unknown) => {
        throw error instanceof MergeRefusedError ? refusal('failed-precondition', error.message) : error;
      },
    );
    const email = event.actor.kind === 'user' ? (event.actor.email ?? null) : null;
    const writes = planMergeWrites(plan, { mergeId: event.id, correlationId: event.correlationId, actor: { uid, email }, claimHolders }, fs);
    try {
      await lastValueFrom(
        this.batch.execute(writes.writes, writes.options).pipe(
          tap((p) => this.bus.emit(this.events.follow(event, 'DUPLICATES_MERGE_PROGRESSED', { mergeId: event.id, written: p.writesDone, total: p.writesTotal }))),
        ),
      );
    } catch (error) {
      throw describeMergeFailure(error);
    }
    this.bus.emit(this.events.follow(event, 'DUPLICATES_MERGED', { kind, survivorId, otherIds, moved: movedCounts(plan) }));
  }

  private async readAccounts(db: Firestore, fs: FirestoreModule, survivorId: string, otherIds: string[]) {
    const account = async (id: string) => {
      const snap = await fs.getDocFromServer(fs.doc(db, `accounts/${id}`));
      return snap.exists() ? ({ ...(snap.data() as object), id } as MergeAccount) : undefined;
    };
    const [survivor, ...others] = await Promise.all([survivorId, ...otherIds].map(account));
    const where = (collection: string, field: string) => fs.getDocsFromServer(fs.query(fs.collection(db, collection), fs.where(field, 'in', otherIds)));
    const [expenses, sent, received] = await Promise.all([where('expenses', 'accountId'), where('transfers', 'fromAccountId'), where('transfers', 'toAccountId')]);
    const transfers = new Map([...rows<MergeTransfer>(sent), ...rows<MergeTransfer>(received)].map((t) => [t.id, t]));
    const plan = planAccountMerge(survivor, others, rows(expenses), [...transfers.values()]);
    const claim = accountNameClaimPath(plan.survivor.currency, plan.survivor.name);
    return { plan: plan as MergePlan, claimHolders: await this.holders(db, fs, [[claim, 'accountId']]) };
  }

  private async readCategories(db: Firestore, fs: FirestoreModule, survivorId: string, otherIds: string[]) {
    const byCategory = (collection: string, ids: string[]) => fs.getDocsFromServer(fs.query(fs.collection(db, collection), fs.where('categoryId', 'in', ids)));
    const [all, expenses, budgets, rules] = await Promise.all([
      fs.getDocsFromServer(fs.collection(db, 'categories')),
      byCategory('expenses', otherIds),
      byCategory('budgets', [survivorId, ...otherIds]),
      byCategory('importRules', otherIds),
    ]);
    const categories = rows<MergeCategory>(all).map((c) => ({ ...c, parentId: c.parentId ?? null }));
    const find = (id: string) => categories.find((c) => c.id === id);
    const plan = planCategoryMerge(find(survivorId), otherIds.map(find), categories, rows(expenses), rows<MergeBudget>(budgets), rows(rules));
    const claims: [string, string][] = [
      [categoryNameClaimPath(plan.survivor.parentId, plan.survivor.name), 'categoryId'],
      ...plan.children.map((child): [string, string] => [categoryNameClaimPath(plan.survivor.id, child.name), 'categoryId']),
    ];
    return { plan: plan as MergePlan, claimHolders: await this.holders(db, fs, claims) };
  }

  /** Who holds each name claim now, from the server (a claim is written only when it is not the holder's yet). */
  private async holders(db: Firestore, fs: FirestoreModule, claims: [path: string, field: string][]): Promise<Map<string, unknown>> {
    const read = await Promise.all(claims.map(async ([path, field]) => [path, (await fs.getDocFromServer(fs.doc(db, path))).get(field)] as const));
    return new Map(read);
  }
}

function movedCounts(plan: MergePlan): Record<string, number> {
  if (plan.kind === 'account') return { expenses: plan.expenseIds.length, transfers: plan.transferMoves.length, transfersRemoved: plan.transferDrops.length };
  return { expenses: plan.expenseIds.length, children: plan.children.length, budgets: plan.budgetsRemoved.length, importRules: plan.ruleIds.length };
}

/** A failed merge in words: whether everything is as it was, and what to do. */
export function describeMergeFailure(error: unknown): Error {
  if (!(error instanceof BatchOperationError)) return error instanceof Error ? error : new Error(String(error));
  const rollback = error.rollback;
  if (rollback.status === 'incomplete') {
    return Object.assign(
      new Error(`The merge failed half-way and ${rollback.unrestored.length} moved ${rollback.unrestored.length === 1 ? 'item' : 'items'} could not be put back. Merge again to finish it.`),
      { code: 'rollback-incomplete' },
    );
  }
  if (rollback.status === 'commit-may-still-apply') {
    return Object.assign(new Error('The database did not answer in time: the merge may still apply. Reload the page before trying again.'), { code: 'deadline-exceeded' });
  }
  const why = error.code === 'permission-denied' ? 'the database refused it (your sign-in may have expired, or someone changed these meanwhile)' : 'the database could not complete it';
  return Object.assign(new Error(`The merge failed: ${why}. Nothing was changed.`), { code: error.code ?? error.reason });
}
