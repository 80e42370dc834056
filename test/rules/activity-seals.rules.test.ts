// The activity log's seals are the API's alone: a client that could write one could make an
// altered log look intact. Admins read them (to check the chain); nobody else does.
import { describe, test } from 'node:test';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { useRulesEnvironment } from './rules-env';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';

const rules = useRulesEnvironment('demo-maestro-seal-rules');

const staff = () => rules().authenticatedContext('staff-1', { role: 'staff' }).firestore();
const admin = () => rules().authenticatedContext('admin-1', { role: 'admin' }).firestore();
const anonymous = () => rules().unauthenticatedContext().firestore();

const SEAL = 'activitySeals/000000000001';
const seal = { sequence: 1, previousHash: '0'.repeat(64), hash: 'a'.repeat(64), count: 1 };

async function givenSeal(): Promise<void> {
  await rules().withSecurityRulesDisabled(async (context) => {
    await setDoc(doc(context.firestore(), SEAL), seal);
  });
}

describe('activitySeals', () => {
  test('an admin reads a seal and lists the chain', async () => {
    await givenSeal();
    await assertSucceeds(getDoc(doc(admin(), SEAL)));
    await assertSucceeds(getDocs(collection(admin(), 'activitySeals')));
  });
  test('staff and signed-out visitors read no seal', async () => {
    await givenSeal();
    await assertFails(getDoc(doc(staff(), SEAL)));
    await assertFails(getDocs(collection(staff(), 'activitySeals')));
    await assertFails(getDoc(doc(anonymous(), SEAL)));
  });
  test('nobody creates a seal from a client, admin included', async () => {
    await assertFails(setDoc(doc(staff(), SEAL), seal));
    await assertFails(setDoc(doc(admin(), SEAL), seal));
    await assertFails(setDoc(doc(anonymous(), SEAL), seal));
  });
  test('nobody rewrites or deletes a seal from a client, admin included', async () => {
    await givenSeal();
    await assertFails(updateDoc(doc(admin(), SEAL), { previousHash: 'b'.repeat(64) }));
    await assertFails(setDoc(doc(admin(), SEAL), { ...seal, hash: 'c'.repeat(64) }));
    await assertFails(deleteDoc(doc(admin(), SEAL)));
    await assertFails(updateDoc(doc(staff(), SEAL), { count: 2 }));
    await assertFails(deleteDoc(doc(staff(), SEAL)));
  });
});
