// A member an admin disables or demotes loses Firestore at once, not when their token runs out:
// the API writes `sessionRevocations/{uid}` and the rules refuse tokens signed in before it.
import { describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, setDoc } from 'firebase/firestore';
import { ADMIN, STAFF, audited, commitWithEntry, entryData, given, givenLedger, newEntryId, now, type Member } from './audited-writes';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-session-rules');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A member's token as Auth mints it: `auth_time` is when they signed in. */
const signedInAt = (who: Member, authTime: number) =>
  rules().authenticatedContext(who.uid, { email: who.email, role: who.role, auth_time: authTime }).firestore();

const revoked = (who: Member, marker: { validAfter: number; disabled: boolean }) =>
  given(rules(), `sessionRevocations/${who.uid}`, { ...marker, reason: marker.disabled ? 'disabled' : 'demoted' });

const account = (who: Member) => ({ name: 'Till 2', type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: who.uid, createdAt: now() });

describe('a member whose sessions were ended', () => {
  test('a disabled member reads and writes nothing with a token that has not run out', async () => {
    await givenLedger(rules());
    await given(rules(), 'orders/o1', { customerName: 'Ada', street: '1 Main St' });
    const signedIn = nowSeconds() - 60;
    const before = signedInAt(STAFF, signedIn);
    await assertSucceeds(getDoc(doc(before, 'orders/o1')));

    await revoked(STAFF, { validAfter: nowSeconds(), disabled: true });
    await assertFails(getDoc(doc(before, 'orders/o1')));
    await assertFails(getDocs(collection(before, 'expenses')));
    await assertFails(audited(before, STAFF, { kind: 'set', path: 'accounts/a1', data: account(STAFF) }, { type: 'account', id: 'a1' }, 'ACCOUNT_CREATED'));
    // Disabled means disabled: even a token minted after the marker is refused.
    await assertFails(getDoc(doc(signedInAt(STAFF, nowSeconds() + 5), 'orders/o1')));
  });

  test('a demoted admin keeps nothing of the old token; a new sign-in works as staff', async () => {
    await given(rules(), 'sagas/o1', { status: 'running' });
    const oldAdmin = signedInAt(ADMIN, nowSeconds() - 600);
    await assertSucceeds(getDoc(doc(oldAdmin, 'sagas/o1')));

    const validAfter = nowSeconds();
    await revoked(ADMIN, { validAfter, disabled: false });
    await assertFails(getDoc(doc(oldAdmin, 'sagas/o1')));
    await assertFails(getDoc(doc(oldAdmin, 'orders/o1')));
    // In the very second of the demotion: could be from before it, so refused too.
    await assertFails(getDoc(doc(rules().authenticatedContext(ADMIN.uid, { email: ADMIN.email, role: 'staff', auth_time: validAfter }).firestore(), 'orders/o1')));
    // Signed in again after the demotion: the token carries the new role, and that is what counts.
    const again = rules().authenticatedContext(ADMIN.uid, { email: ADMIN.email, role: 'staff', auth_time: validAfter + 1 }).firestore();
    await given(rules(), 'orders/o1', { customerName: 'Ada' });
    await assertSucceeds(getDoc(doc(again, 'orders/o1')));
    await assertFails(getDoc(doc(again, 'sagas/o1')));
  });

  test('nobody reads or writes the markers from a browser, admins included', async () => {
    await revoked(STAFF, { validAfter: nowSeconds(), disabled: true });
    const admin = signedInAt(ADMIN, nowSeconds());
    await assertFails(getDoc(doc(admin, `sessionRevocations/${STAFF.uid}`)));
    await assertFails(setDoc(doc(admin, `sessionRevocations/${STAFF.uid}`), { validAfter: 0, disabled: false }));
    // Nor can a member clear their own marker to get back in.
    await assertFails(setDoc(doc(signedInAt(STAFF, nowSeconds()), `sessionRevocations/${STAFF.uid}`), { validAfter: 0, disabled: false }));
  });

  test('an import chunk reading 18 accounts and categories still fits the read limit with a marker present', async () => {
    await revoked(STAFF, { validAfter: nowSeconds() - 3600, disabled: false });
    for (let i = 0; i < 9; i++) {
      await given(rules(), `accounts/acc${i}`, { name: `A${i}`, type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: false, createdBy: 'x' });
      await given(rules(), `categories/cat${i}`, { name: `C${i}`, colour: '#000000', icon: 'home', parentId: null });
    }
    const id = newEntryId();
    const rows = Array.from({ length: 90 }, (_, i) => ({
      kind: 'set' as const,
      path: `expenses/imp1-${i + 1}`,
      data: {
        accountId: `acc${i % 9}`, categoryId: `cat${(i * 4) % 9}`, amountMinor: 100 + i, currency: 'USD', date: '2026-03-14', month: '2026-03',
        payee: `Supplier ${i}`, note: '', tags: [], keywords: ['su'], deleted: false, createdBy: STAFF.uid, updatedBy: STAFF.uid,
        importId: 'imp1', createdAt: now(), updatedAt: now(),
      },
    }));
    const db = signedInAt(STAFF, nowSeconds());
    await assertSucceeds(
      commitWithEntry(db, rows, { id, data: entryData(STAFF, id, { type: 'import', id: 'imp1' }, 'EXPENSES_IMPORT_CHUNK_WRITTEN', { count: { from: null, to: rows.length } }) }),
    );
  });
});
