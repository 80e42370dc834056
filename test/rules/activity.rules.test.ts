// The activity log from a browser: append-only, in the writer's own name, about the ledger only,
// every field shaped and bounded. Each attack named here was accepted before issue 13.
import { describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { Timestamp, collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';
import { CLIENT_ACTIVITY_ACTIONS } from '../../contracts/activity';
import { ADMIN, OTHER_STAFF, STAFF, STRANGER, assertRefused, dbOf, entryData, given, type Member } from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-activity-rules');
const db = (who: Member) => dbOf(rules(), who);
const expenseEntry = (overrides: Record<string, unknown> = {}, id = 'a1') => ({
  ...entryData(STAFF, id, { type: 'expense', id: 'e1' }, 'EXPENSE_UPDATED', { amountMinor: { from: 100, to: 200 } }),
  ...overrides,
});
const append = (data: object, id = 'a1', who = STAFF) => setDoc(doc(db(who), `activity/${id}`), data);

describe('appending an entry', () => {
  test('a member appends a well-formed entry in their own name', async () => {
    await assertSucceeds(append(expenseEntry()));
  });
  test('every action a client logs is accepted for its own subject type, and only for it', async () => {
    let n = 0;
    for (const [type, actions] of Object.entries(CLIENT_ACTIVITY_ACTIONS)) {
      for (const action of actions) {
        const id = `ok-${++n}`;
        await assertSucceeds(append(entryData(STAFF, id, { type, id: 'x' }, action), id));
        const wrongType = type === 'expense' ? 'account' : 'expense';
        await assertRefused(append(entryData(STAFF, `bad-${n}`, { type: wrongType, id: 'x' }, action), `bad-${n}`), `${action} about a ${wrongType}`);
      }
    }
  });
  test('the actor is the signed-in member: uid and email, no forged email', async () => {
    await assertRefused(append(expenseEntry({ actorUid: 'staff-2' })), 'another uid');
    await assertRefused(append(expenseEntry({ actorEmail: 'admin@maestro.test' })), 'a forged email');
    await assertRefused(append(expenseEntry({ actorEmail: null })), 'no email although the token has one');
  });
  test('no entry about orders, sagas or users: those are the API\'s', async () => {
    await assertRefused(
      append(entryData(STAFF, 'a1', { type: 'order', id: 'o1' }, 'ORDER_STATUS_CHANGED', { status: { from: 'PREPARING', to: 'DELIVERED' } })),
      'a fake order status change',
    );
    await assertRefused(append(entryData(STAFF, 'a1', { type: 'user', id: 'staff-2' }, 'TEAM_MEMBER_ONBOARDED')), 'a user subject');
    await assertRefused(append(entryData(STAFF, 'a1', { type: 'saga', id: 'o1' }, 'PAYMENT_AUTHORIZED')), 'a saga subject');
  });
  test('subject, changes, ids and time are all present and shaped', async () => {
    const { subject: _subject, ...noSubject } = expenseEntry();
    await assertRefused(append(noSubject), 'no subject');
    await assertRefused(append(expenseEntry({ subject: { type: 'expense' } })), 'a subject without id');
    await assertRefused(append(expenseEntry({ subject: { type: 'expense', id: 'e1', extra: 1 } })), 'a subject with extra keys');
    await assertRefused(append(expenseEntry({ subject: { type: 'expense', id: 'x'.repeat(201) } })), 'a long subject id');
    await assertRefused(append(expenseEntry({ changes: null })), 'changes: null');
    await assertRefused(append(expenseEntry({ eventId: 'other' })), 'an event id that is not the document id');
    await assertRefused(append(expenseEntry({ correlationId: '' })), 'no correlation id');
    await assertRefused(append(expenseEntry({ correlationId: 'c'.repeat(129) })), 'a long correlation id');
    await assertRefused(append(expenseEntry({ at: Timestamp.fromDate(new Date('2020-01-01')) })), 'a back-dated time');
    await assertRefused(append(expenseEntry({ action: 42 })), 'a number as action');
    await assertRefused(append(expenseEntry({ action: 'ANYTHING_GOES' })), 'an unknown action');
    await assertRefused(append(expenseEntry({ extra: 'x' })), 'an extra field');
    const { correlationId: _c, ...noCorrelation } = expenseEntry();
    await assertRefused(append(noCorrelation), 'a missing field');
  });
  test('changes name only ledger fields, each old → new value small', async () => {
    await assertRefused(append(expenseEntry({ changes: { junk: { from: null, to: 'x'.repeat(900_000) } } })), '~1 MiB of junk');
    await assertRefused(append(expenseEntry({ changes: { note: { from: null, to: 'x'.repeat(501) } } })), 'an oversized value');
    await assertRefused(append(expenseEntry({ changes: { note: { from: null, to: { nested: true } } } })), 'a nested value');
    await assertRefused(append(expenseEntry({ changes: { tags: { from: [], to: [{ a: 1 }] } } })), 'a list of maps');
    await assertRefused(append(expenseEntry({ changes: { tags: { from: [], to: ['x'.repeat(401)] } } })), 'a list of huge strings');
    await assertRefused(append(expenseEntry({ changes: { note: { from: null, to: 'x', by: 'me' } } })), 'a change with extra keys');
    await assertRefused(append(expenseEntry({ changes: { note: 'plain' } })), 'a change that is not old → new');
    await assertSucceeds(append(expenseEntry({ changes: { note: { from: null, to: 'x'.repeat(500) }, tags: { from: ['a'], to: ['a', 'b'] } } }, 'a2'), 'a2'));
    await assertRefused(append(expenseEntry({ changes: { colour: { from: null, to: '#000000' } } }, 'a3'), 'a3'), 'a category field on an expense');
  });
  test('strangers and signed-out visitors append nothing', async () => {
    await assertFails(append(entryData(STRANGER, 'a1', { type: 'expense', id: 'e1' }, 'EXPENSE_UPDATED'), 'a1', STRANGER));
    await assertFails(setDoc(doc(rules().unauthenticatedContext().firestore(), 'activity/a1'), expenseEntry()));
  });
});

describe('an appended entry', () => {
  test('is never updated or deleted, admins included', async () => {
    await given(rules(), 'activity/a1', { actorUid: 'staff-1', action: 'X' });
    await assertFails(updateDoc(doc(db(STAFF), 'activity/a1'), { action: 'Y' }));
    await assertFails(deleteDoc(doc(db(STAFF), 'activity/a1')));
    await assertFails(updateDoc(doc(db(ADMIN), 'activity/a1'), { action: 'Y' }));
    await assertFails(deleteDoc(doc(db(ADMIN), 'activity/a1')));
  });
  test('an existing entry cannot be written again (create on an existing id is an update)', async () => {
    await assertSucceeds(append(expenseEntry()));
    await assertFails(append(expenseEntry({ changes: {} })));
  });
  test('admins read every entry; staff their own; a missing entry reveals nothing', async () => {
    await given(rules(), 'activity/a1', { actorUid: 'staff-1', action: 'X' });
    await given(rules(), 'activity/a2', { actorUid: 'staff-2', action: 'X' });
    await assertSucceeds(getDocs(collection(db(ADMIN), 'activity')));
    await assertSucceeds(getDoc(doc(db(STAFF), 'activity/a1')));
    await assertFails(getDoc(doc(db(STAFF), 'activity/a2')));
    await assertFails(getDocs(collection(db(OTHER_STAFF), 'activity')));
    await assertSucceeds(getDoc(doc(db(STAFF), 'activity/missing')));
    await assertFails(getDoc(doc(db(STRANGER), 'activity/missing')));
  });
});
