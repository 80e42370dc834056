import { Injectable, inject } from '@angular/core';
import {
  OPENING_BALANCE_ADMIN_ONLY,
  accountNameClaimPath,
  accountNameTaken,
  cleanName,
  comparableName,
  nameKey,
  creationChanges,
  diffChanges,
  type AccountDraft,
  type AccountPatch,
  type DomainEvent,
} from '@maestro/contracts';
import { Session } from '../../core/auth/session';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { BaseOrchestratorService } from '../../core/orchestration/base-orchestrator';
import { BatchOperationService } from '../../core/persistence/batch-operation-service';
import type { BatchWrite } from '../../core/persistence/batch-write';
import { InvalidAccountError, accountDraftProblems } from '../model/account-draft';
import { activityWrite, actorUid, ledgerBump } from './ledger-writes';
import { claimTakenMeanwhile, claimWrites, readClaimHolders } from './name-claims';
import { refusal } from './refusal';

type AccountEvent = DomainEvent<'ACCOUNT_CREATION_REQUESTED' | 'ACCOUNT_UPDATE_REQUESTED'>;
type StoredAccount = AccountDraft & { archived?: boolean };

/** The fields an edit may touch; anything else in a patch is refused. */
const PATCHABLE = ['name', 'type', 'openingBalanceMinor', 'archived'] as const satisfies readonly (keyof AccountPatch)[];

/**
 * Creates and edits accounts. Each change, its activity entry and what goes with it (the account
 * counter on creation, the ledger version when the opening balance moves) commit in one batch,
 * so either all of it exists or none does; then ACCOUNT_CREATED / ACCOUNT_UPDATED (or _FAILED).
 */
@Injectable({ providedIn: 'root' })
export class AccountsOrchestrator extends BaseOrchestratorService {
  readonly name = 'accounts';
  private readonly batch = inject(BatchOperationService);
  private readonly loader = inject(FirestoreLoader);
  private readonly session = inject(Session);

  protected listen(): void {
    // exhaust: a double-clicked "Create" must not create two accounts.
    this.handleEvent('ACCOUNT_CREATION_REQUESTED', { concurrency: 'exhaust' });
    // concat (default): an archive and its Undo must apply in the order they were asked for.
    this.handleEvent('ACCOUNT_UPDATE_REQUESTED');
  }

  protected async eventCallback(event: AccountEvent): Promise<void> {
    if (event.type === 'ACCOUNT_CREATION_REQUESTED') return this.create(event as DomainEvent<'ACCOUNT_CREATION_REQUESTED'>);
    return this.update(event as DomainEvent<'ACCOUNT_UPDATE_REQUESTED'>);
  }

  private async create(event: DomainEvent<'ACCOUNT_CREATION_REQUESTED'>): Promise<void> {
    const problems = accountDraftProblems(event.payload.account);
    if (problems.length) throw new InvalidAccountError(problems);
    if (event.actor.kind !== 'user') throw new Error('Sign in to create an account.');

    // The request's id is the account's id: a retried request writes the same account again.
    const accountId = event.id;
    const account = { ...event.payload.account, name: cleanName(event.payload.account.name) };
    const claims = await this.nameClaims(accountId, account);
    // Loaded here, not at start-up: the Firestore SDK stays out of the initial bundle.
    const { serverTimestamp, increment } = await import('firebase/firestore');
    const writes: BatchWrite[] = [
      {
        kind: 'set',
        path: `accounts/${accountId}`,
        // Its name's key, which the rules check (they cannot lower É themselves): contracts/unique-names.ts.
        data: { ...account, nameKey: nameKey(account.name), archived: false, createdBy: event.actor.uid, createdAt: serverTimestamp(), auditId: event.id },
      },
      ...claims,
      await activityWrite(event, 'ACCOUNT_CREATED', { type: 'account', id: accountId }, creationChanges(account)),
      // Names the account it counts: the rules let the counter move only with that account's creation.
      { kind: 'set', path: 'metadata/counters', data: { accounts: increment(1), lastAccountId: accountId }, merge: true },
    ];
    await this.commitClaiming(writes, accountId, account);
    this.bus.emit(this.events.follow(event, 'ACCOUNT_CREATED', { accountId, account }));
  }

  private async update(event: DomainEvent<'ACCOUNT_UPDATE_REQUESTED'>): Promise<void> {
    const uid = actorUid(event);
    const { accountId } = event.payload;
    const patch = checkedPatch(event.payload.patch);
    const db = await this.loader.firestore();
    const { doc, getDocFromServer, serverTimestamp } = await import('firebase/firestore');
    const current = await getDocFromServer(doc(db, `accounts/${accountId}`));
    if (!current.exists()) {
      throw refusal('not-found', 'This account no longer exists: someone may have deleted it. Reload the page to see the current accounts.');
    }
    const stored = current.data() as StoredAccount;
    const before = { name: stored.name, type: stored.type, openingBalanceMinor: stored.openingBalanceMinor, archived: stored.archived ?? false };
    const after = { ...before, ...patch };
    const problems = accountDraftProblems({ ...after, currency: stored.currency });
    if (problems.length) throw new InvalidAccountError(problems);

    const changes = diffChanges(before, after);
    // Every figure already reported starts from it: the rules leave it to admins after creation.
    if (changes['openingBalanceMinor'] && !this.session.isAdmin()) throw refusal('permission-denied', OPENING_BALANCE_ADMIN_ONLY);
    if (Object.keys(changes).length === 0) {
      // Nothing differs: no write, no activity entry, but the screen still hears it is done.
      this.bus.emit(this.events.follow(event, 'ACCOUNT_UPDATED', { accountId, changes }));
      return;
    }
    const changed: Record<string, unknown> = Object.fromEntries(Object.keys(changes).map((key) => [key, after[key as keyof typeof after]]));
    if (changes['name']) changed['nameKey'] = nameKey(after.name);
    const named = { name: after.name, currency: stored.currency };
    // A new name (not merely a new case or spacing of its own) needs its claim, and frees the old one.
    const renamed = accountNameClaimPath(stored.currency, after.name) !== accountNameClaimPath(stored.currency, before.name);
    const claims = renamed ? await this.nameClaims(accountId, named, accountNameClaimPath(stored.currency, before.name)) : [];
    // `update`, not `set`: if the account is deleted between the read and the commit, the batch fails.
    const writes: BatchWrite[] = [
      { kind: 'update', path: `accounts/${accountId}`, data: { ...changed, updatedBy: uid, updatedAt: serverTimestamp(), auditId: event.id } },
      ...claims,
      await activityWrite(event, 'ACCOUNT_UPDATED', { type: 'account', id: accountId }, changes),
    ];
    // The opening balance is part of every balance: other browsers re-derive when the ledger moves.
    if (changes['openingBalanceMinor']) writes.push(await ledgerBump(event.id));
    await this.commitClaiming(writes, accountId, named);
    this.bus.emit(this.events.follow(event, 'ACCOUNT_UPDATED', { accountId, changes }));
  }

  /**
   * Refuses a name another account of the currency has (any case and spacing, archived ones too:
   * names identify accounts in the CSV import), then plans the claim that makes the rules agree.
   */
  private async nameClaims(accountId: string, account: { name: string; currency: string }, previousClaimPath?: string): Promise<BatchWrite[]> {
    const db = await this.loader.firestore();
    const { collection, getDocsFromServer } = await import('firebase/firestore');
    const plan = { claimPath: accountNameClaimPath(account.currency, account.name), ownerField: 'accountId', ownerId: accountId, previousClaimPath };
    // Both at once: each is a round trip, and the claim is rarely needed to decide.
    const [snapshot, holders] = await Promise.all([getDocsFromServer(collection(db, 'accounts')), readClaimHolders(db, plan)]);
    const others = snapshot.docs.filter((d) => d.id !== accountId).map((d) => ({ id: d.id, ...(d.data() as StoredAccount) }));
    const clash = others.find((other) => other.currency === account.currency && comparableName(other.name) === comparableName(account.name));
    if (clash) throw refusal('already-exists', accountNameTaken(clash));
    const claimPathOf = new Map(others.map((other) => [other.id, accountNameClaimPath(other.currency, other.name)]));
    const writes = claimWrites(plan, holders, claimPathOf);
    if (!writes) throw refusal('already-exists', accountNameTaken(account));
    return writes;
  }

  /** Commits; when someone took the name between our check and the commit, says so in words. */
  private async commitClaiming(writes: BatchWrite[], accountId: string, account: { name: string; currency: string }): Promise<void> {
    try {
      await this.batch.commit(writes);
    } catch (error) {
      const claimPath = accountNameClaimPath(account.currency, account.name);
      const db = await this.loader.firestore();
      if ((error as { code?: string }).code === 'permission-denied' && (await claimTakenMeanwhile(db, claimPath, 'accountId', accountId))) {
        throw refusal('already-exists', accountNameTaken(account));
      }
      throw error;
    }
  }
}

/**
 * The patch with its name trimmed, or a refusal: the currency never changes (the account's
 * expenses and transfers are recorded in it), and unknown fields are not silently dropped.
 */
export function checkedPatch(requested: AccountPatch): AccountPatch {
  const patch = Object.fromEntries(Object.entries(requested).filter(([, value]) => value !== undefined)) as AccountPatch;
  const keys = Object.keys(patch);
  if (keys.includes('currency')) {
    throw refusal(
      'invalid-argument',
      'An account’s currency cannot change: its expenses and transfers are recorded in it. Create a new account in the other currency instead.',
    );
  }
  const unknown = keys.filter((key) => !(PATCHABLE as readonly string[]).includes(key));
  if (unknown.length) throw refusal('invalid-argument', `These cannot be changed on an account: ${unknown.join(', ')}.`);
  if (patch.archived !== undefined && typeof patch.archived !== 'boolean') throw refusal('invalid-argument', 'Archive or unarchive, nothing else.');
  if (patch.name !== undefined && typeof patch.name !== 'string') throw refusal('invalid-argument', 'Give the account a name.');
  return patch.name === undefined ? patch : { ...patch, name: cleanName(patch.name) };
}
