import { Injectable, inject } from '@angular/core';
import {
  IMPORT_RULES_FULL,
  LEDGER_AUDIT_ACTIONS,
  creationChanges,
  diffChanges,
  freeImportRuleSlot,
  importRuleProblems,
  normalisePayee,
  type DomainEvent,
  type ImportRuleDraft,
} from '@maestro/contracts';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import type { BatchWrite } from '../../core/persistence/batch-write';
import { activityWrite, actorUid, deletionEntryId } from './ledger-writes';
import { refusal } from './refusal';

type RuleEvent = DomainEvent<'IMPORT_RULES_SAVING_REQUESTED' | 'IMPORT_RULE_DELETION_REQUESTED'>;
type Stored = ImportRuleDraft & { auditId?: string };

/**
 * Keeps the import rules (payee → category): each change with its activity entry, one batch per
 * request. A new rule takes the lowest free slot (r0…r499); a rule for a pattern that already has
 * one updates it instead, so the list never holds the same payee twice.
 */
@Injectable({ providedIn: 'root' })
export class ImportRulesOrchestrator extends BaseOrchestratorService {
  readonly name = 'import-rules';
  private readonly batch = inject(BatchOperationService);
  private readonly loader = inject(FirestoreLoader);

  protected listen(): void {
    // exhaust: a double-clicked "Save" must not take two slots for one rule.
    this.handleEvent('IMPORT_RULES_SAVING_REQUESTED', { concurrency: 'exhaust' });
    this.handleEvent('IMPORT_RULE_DELETION_REQUESTED');
  }

  protected async eventCallback(event: RuleEvent): Promise<void> {
    if (event.type === 'IMPORT_RULES_SAVING_REQUESTED') return this.save(event as DomainEvent<'IMPORT_RULES_SAVING_REQUESTED'>);
    return this.remove(event as DomainEvent<'IMPORT_RULE_DELETION_REQUESTED'>);
  }

  private async save(event: DomainEvent<'IMPORT_RULES_SAVING_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const requested = event.payload.rules.map(({ ruleId, rule }) => ({ ruleId, rule: clean(rule) }));
    for (const { rule } of requested) {
      const problems = importRuleProblems(rule);
      if (problems.length) throw refusal('invalid-argument', problems.join(' '));
    }
    const [stored, categories] = await Promise.all([this.read('importRules'), this.read('categories')]);
    const { serverTimestamp } = await import('firebase/firestore');
    const writes: BatchWrite[] = [];
    const ruleIds: string[] = [];
    const taken = new Set(stored.keys());
    for (const { ruleId, rule } of requested) {
      if (!categories.has(rule.categoryId)) throw refusal('invalid-argument', 'The rule’s category no longer exists: choose another one.');
      const samePattern = [...stored].find(([id, r]) => r.pattern === rule.pattern && r.match === rule.match && id !== ruleId)?.[0];
      if (ruleId && samePattern) throw refusal('failed-precondition', `There is already a rule for “${rule.pattern}”. Edit that one instead.`);
      if (ruleId && !stored.has(ruleId)) throw refusal('not-found', 'That rule no longer exists: someone may have deleted it.');
      const id = ruleId ?? samePattern ?? freeImportRuleSlot(taken);
      if (!id) throw refusal('failed-precondition', IMPORT_RULES_FULL);
      const entryId = requested.length === 1 ? event.id : `${event.id}-${id}`;
      const subject = { type: 'importRule' as const, id };
      const before = stored.get(id);
      if (before) {
        const changes = diffChanges(pick(before), rule);
        if (!Object.keys(changes).length) {
          ruleIds.push(id);
          continue;
        }
        writes.push(
          { kind: 'update', path: `importRules/${id}`, data: { ...rule, updatedBy: uid, updatedAt: serverTimestamp(), auditId: entryId } },
          await activityWrite(event, LEDGER_AUDIT_ACTIONS.importRuleUpdated, subject, changes, entryId),
        );
      } else {
        writes.push(
          { kind: 'set', path: `importRules/${id}`, data: { ...rule, createdBy: uid, createdAt: serverTimestamp(), auditId: entryId } },
          await activityWrite(event, LEDGER_AUDIT_ACTIONS.importRuleCreated, subject, creationChanges(rule), entryId),
        );
      }
      stored.set(id, rule);
      taken.add(id);
      ruleIds.push(id);
    }
    if (writes.length) await this.batch.commit(writes);
    this.bus.emit(this.events.follow(event, 'IMPORT_RULES_SAVED', { ruleIds }));
  }

  private async remove(event: DomainEvent<'IMPORT_RULE_DELETION_REQUESTED'>): Promise<void> {
    actorUid(event);
    const { ruleId } = event.payload;
    const current = (await this.read('importRules')).get(ruleId);
    if (!current) throw refusal('not-found', 'That rule no longer exists: someone may have deleted it.');
    await this.batch.commit([
      { kind: 'delete', path: `importRules/${ruleId}` },
      await activityWrite(
        event,
        LEDGER_AUDIT_ACTIONS.importRuleDeleted,
        { type: 'importRule', id: ruleId },
        diffChanges(pick(current), {}),
        deletionEntryId(ruleId, current),
      ),
    ]);
    this.bus.emit(this.events.follow(event, 'IMPORT_RULE_DELETED', { ruleId }));
  }

  private async read(collectionName: 'importRules' | 'categories'): Promise<Map<string, Stored>> {
    const db = await this.loader.firestore();
    const { collection, getDocsFromServer } = await import('firebase/firestore');
    const snapshot = await getDocsFromServer(collection(db, collectionName));
    return new Map(snapshot.docs.map((d) => [d.id, d.data() as Stored]));
  }
}

function clean(rule: ImportRuleDraft): ImportRuleDraft {
  return { pattern: normalisePayee(rule.pattern), match: rule.match, categoryId: rule.categoryId };
}

function pick(rule: ImportRuleDraft): ImportRuleDraft {
  return { pattern: rule.pattern, match: rule.match, categoryId: rule.categoryId };
}
