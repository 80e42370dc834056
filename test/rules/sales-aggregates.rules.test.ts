// The sales aggregates are the API's alone: the figures of the whole business, served to admins
// by GET /api/reports/*. No client reads them, and nobody can fake or wipe sales from a console.
import { describe, test } from 'node:test';
import { assertFails } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, increment, setDoc, updateDoc } from 'firebase/firestore';
import { useRulesEnvironment } from './rules-env';

const rules = useRulesEnvironment('demo-maestro-rules-sales');

const staff = () => rules().authenticatedContext('staff-1', { email: 'staff@maestro.test', role: 'staff' }).firestore();
const admin = () => rules().authenticatedContext('admin-1', { email: 'admin@maestro.test', role: 'admin' }).firestore();
// A stranger: a Firebase account made with the public web key, no role.
const stranger = () => rules().authenticatedContext('stranger-1', { email: 'x@example.com' }).firestore();
const anonymous = () => rules().unauthenticatedContext().firestore();

const figures = { orders: 3, grossMinor: 4500, taxMinor: 409, serviceMinor: 0, netMinor: 4091 };

async function given(path: string, data: object): Promise<void> {
  await rules().withSecurityRulesDisabled(async (context) => {
    await setDoc(doc(context.firestore(), path), data);
  });
}

describe('sales aggregates (salesDays, salesMonths)', () => {
  for (const [path, data] of [
    ['salesDays/USD_2026-03-01', { currency: 'USD', date: '2026-03-01', month: '2026-03', totals: figures }],
    ['salesMonths/USD_2026-03', { currency: 'USD', month: '2026-03', totals: figures }],
  ] as const) {
    test(`${path}: nobody reads it from a client, admin included`, async () => {
      await given(path, data);
      for (const db of [admin(), staff(), stranger(), anonymous()]) await assertFails(getDoc(doc(db, path)));
      await assertFails(getDocs(collection(admin(), path.split('/')[0]!)));
    });

    test(`${path}: a staff member writing straight to Firestore cannot add sales, wipe or create a day`, async () => {
      await given(path, data);
      await assertFails(updateDoc(doc(staff(), path), { 'totals.grossMinor': increment(100_000) }));
      await assertFails(setDoc(doc(staff(), path), { totals: { ...figures, netMinor: 0 } }));
      await assertFails(deleteDoc(doc(staff(), path)));
      await assertFails(setDoc(doc(staff(), `${path}x`), data));
    });

    test(`${path}: an admin or a stranger cannot write it either, not even malformed or oversized`, async () => {
      await assertFails(setDoc(doc(admin(), path), data));
      await assertFails(setDoc(doc(stranger(), path), data));
      await assertFails(setDoc(doc(admin(), path), { totals: 'a lot' }));
      await assertFails(setDoc(doc(admin(), path), { padding: 'x'.repeat(500_000) }));
    });
  }
});
