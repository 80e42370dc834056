// The seed runs at every `npm start` and before the end-to-end tests: it must create the demo
// business once and then leave everything alone, including what users changed since.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { seed } from '../../scripts/seed/seed';
import { DEMO_MENU, DEMO_USERS } from '../../scripts/seed/demo-data';
import { accountNameClaimPath, categoryNameClaimPath } from '../../contracts/unique-names';

let app: App;

before(() => {
  app = initializeApp({ projectId: process.env['GCLOUD_PROJECT'] ?? 'demo-maestro' }, `seed-test-${Date.now()}`);
});
after(() => deleteApp(app));

async function snapshotUpdateTimes(): Promise<Map<string, string>> {
  const db = getFirestore(app);
  const times = new Map<string, string>();
  for (const collection of ['users', 'menuItems', 'accounts', 'categories']) {
    const docs = await db.collection(collection).get();
    for (const doc of docs.docs) times.set(doc.ref.path, doc.updateTime.toDate().toISOString());
  }
  return times;
}

test('seeding twice creates the demo business once and then changes nothing', async () => {
  await seed(app);
  const before = await snapshotUpdateTimes();
  const second = await seed(app);
  const afterTimes = await snapshotUpdateTimes();

  assert.equal(second.created, 0);
  assert.ok(second.unchanged >= DEMO_MENU.length + DEMO_USERS.length);
  assert.deepEqual(afterTimes, before);
});

test('the demo users are members: the admin with the admin role, the staff user with the staff role', async () => {
  await seed(app);
  const auth = getAuth(app);
  const admin = await auth.getUserByEmail('admin@maestro.test');
  const staff = await auth.getUserByEmail('staff@maestro.test');
  assert.equal(admin.customClaims?.['role'], 'admin');
  assert.equal(staff.customClaims?.['role'], 'staff');
  assert.equal(admin.customClaims?.['admin'], undefined, 'the legacy flag is gone');
});

test('seeding migrates accounts from before the role claim and leaves self-made accounts outside', async () => {
  const auth = getAuth(app);
  const stamp = Date.now();
  const invitedAdmin = await auth.createUser({ email: `legacy-admin-${stamp}@maestro.test` });
  const invitedCook = await auth.createUser({ email: `legacy-cook-${stamp}@maestro.test` });
  const stranger = await auth.createUser({ email: `stranger-${stamp}@example.com` });
  try {
    await auth.setCustomUserClaims(invitedAdmin.uid, { admin: true, stations: [] });
    await auth.setCustomUserClaims(invitedCook.uid, { admin: false, stations: ['grill'] });
    // The demo staff user as the old seed left it: no claims at all.
    await auth.setCustomUserClaims('demo-staff', null);

    const first = await seed(app);
    assert.ok(first.migrated >= 2);
    assert.deepEqual((await auth.getUser(invitedAdmin.uid)).customClaims, { role: 'admin', stations: [] });
    assert.deepEqual((await auth.getUser(invitedCook.uid)).customClaims, { role: 'staff', stations: ['grill'] });
    assert.equal((await auth.getUser('demo-staff')).customClaims?.['role'], 'staff');
    assert.equal((await auth.getUser(stranger.uid)).customClaims, undefined, 'a self-made account gains nothing');

    const second = await seed(app);
    assert.equal(second.migrated, 0, 'nothing left to migrate');
  } finally {
    await auth.deleteUsers([invitedAdmin.uid, invitedCook.uid, stranger.uid]);
  }
});

test('a menu item a user changed is not reset by seeding again', async () => {
  await seed(app);
  const ref = getFirestore(app).doc('menuItems/espresso');
  await ref.update({ stock: 7 });
  await seed(app);
  assert.equal((await ref.get()).get('stock'), 7);
});

test('seeding refuses a project that is not a demo project', async () => {
  const real = initializeApp({ projectId: 'maestro-production' }, `seed-test-real-${Date.now()}`);
  try {
    await assert.rejects(seed(real), /demo-\* project/);
  } finally {
    await deleteApp(real);
  }
});

test('--fresh empties a demo project before seeding it (the test runner starts each suite from the demo data alone)', async () => {
  const project = `demo-maestro-fresh-${Date.now().toString(36)}`;
  const env = { ...process.env, GCLOUD_PROJECT: project };
  const fresh = initializeApp({ projectId: project }, `fresh-test-${project}`);
  const seedScript = ['--import', 'tsx', 'scripts/seed/seed.ts'];
  try {
    const db = getFirestore(fresh);
    await db.doc('orders/left-by-an-earlier-suite').set({ status: 'NEW' });
    await db.doc('accounts/cash-register').set({ name: 'Renamed by a spec' });

    execFileSync(process.execPath, [...seedScript, '--fresh'], { env, stdio: 'pipe' });

    assert.equal((await db.doc('orders/left-by-an-earlier-suite').get()).exists, false);
    assert.notEqual((await db.doc('accounts/cash-register').get()).get('name'), 'Renamed by a spec');
    assert.equal((await db.collection('menuItems').count().get()).data().count, DEMO_MENU.length);
    const refused = spawnSync(process.execPath, [...seedScript, '--fresh'], { env: { ...env, GCLOUD_PROJECT: 'maestro-prod' }, encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /Refusing to wipe project "maestro-prod"/);
  } finally {
    await fetch(`http://${process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080'}/emulator/v1/projects/${project}/databases/(default)/documents`, { method: 'DELETE' });
    await deleteApp(fresh);
  }
});

test('the seed claims the names accounts and categories hold, and leaves a name two of them share unclaimed', async () => {
  const db = getFirestore(app);
  const run = Date.now().toString(36);
  // As written before names were unique: two accounts of one name, and one of a name of its own.
  const twins = [`twin-a-${run}`, `twin-b-${run}`];
  const account = (name: string) => ({ name, type: 'cash', currency: 'USD', openingBalanceMinor: 0, archived: true, createdBy: 'demo-admin' });
  await Promise.all([...twins.map((id) => db.doc(`accounts/${id}`).set(account(`Twin ${run}`))), db.doc(`accounts/single-${run}`).set(account(`Single ${run}`))]);
  try {
    await seed(app);
    assert.equal((await db.doc(categoryNameClaimPath('ingredients', 'Produce')).get()).get('categoryId'), 'produce');
    assert.equal((await db.doc(accountNameClaimPath('USD', `Single ${run}`)).get()).get('accountId'), `single-${run}`);
    assert.equal((await db.doc(accountNameClaimPath('USD', `Twin ${run}`)).get()).exists, false, 'a shared name is for an admin to sort out');
    const again = await seed(app);
    assert.equal(again.namesClaimed, 0, 'nothing left to claim');
  } finally {
    await Promise.all([...twins, `single-${run}`].map((id) => db.doc(`accounts/${id}`).delete()));
    await db.doc(accountNameClaimPath('USD', `Single ${run}`)).delete();
  }
});
