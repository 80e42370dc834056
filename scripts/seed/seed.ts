// Seeds the emulators with the demo business. Idempotent: it only creates what is missing,
// so a second run writes nothing and never overwrites what a user changed.
import { deleteApp, getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { getFirestore, FieldValue, type Firestore } from 'firebase-admin/firestore';
import { roleFromClaims } from '../../contracts/roles';
import { migrateOrderItems } from '../../server/src/orders/embedded-items';
import {
  DEMO_ACCOUNTS,
  DEMO_CATEGORIES,
  DEMO_MENU,
  DEMO_MENU_CATEGORIES,
  DEMO_SERVICE_CHARGE,
  DEMO_USERS,
  type DemoMenuItem,
} from './demo-data';
import { claimNames } from './name-claims';

export interface SeedReport {
  created: number;
  unchanged: number;
  /** Accounts that gained the member role claim (see migrateMembers). */
  migrated: number;
  /** Orders that were given their items array (see migrateOrderItems). */
  ordersMigrated: number;
  /** Account and category names claimed (see claimNames). */
  namesClaimed: number;
  /** Dishes given their menu category's id and tax (see categorizeDishes). */
  dishesCategorized?: number;
}

const ALREADY_EXISTS = 6; // gRPC status code Firestore uses for create() on an existing doc

// Demo data must never reach a real project: point at the local emulators unless told otherwise.
function useEmulators(): void {
  process.env['FIRESTORE_EMULATOR_HOST'] ??= '127.0.0.1:8080';
  process.env['FIREBASE_AUTH_EMULATOR_HOST'] ??= '127.0.0.1:9099';
}

async function createIfMissing(db: Firestore, path: string, data: object, report: SeedReport): Promise<void> {
  try {
    await db.doc(path).create({ ...data, createdAt: FieldValue.serverTimestamp() });
    report.created++;
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    report.unchanged++;
  }
}

async function seedUsers(auth: Auth, db: Firestore, report: SeedReport): Promise<void> {
  for (const user of DEMO_USERS) {
    const existing = await auth.getUser(user.uid).catch((error: { code?: string }) => {
      if (error.code === 'auth/user-not-found') return null;
      throw error;
    });
    if (existing) {
      report.unchanged++;
    } else {
      await auth.createUser({ uid: user.uid, email: user.email, password: user.password, displayName: user.displayName });
      report.created++;
    }
    const role = user.admin ? 'admin' : 'staff';
    if (roleFromClaims(existing?.customClaims ?? {}) !== role) {
      await auth.setCustomUserClaims(user.uid, withoutLegacyClaim({ ...existing?.customClaims, role }));
    }
    await createIfMissing(
      db,
      `users/${user.uid}`,
      { uid: user.uid, email: user.email, displayName: user.displayName, role: user.admin ? 'admin' : 'staff' },
      report,
    );
  }
}

/** Claims without the pre-membership `admin` flag (the role claim replaced it). */
function withoutLegacyClaim(claims: Record<string, unknown>): Record<string, unknown> {
  const { admin: _legacy, ...rest } = claims;
  return rest;
}

/**
 * Accounts made before membership was a claim carry `admin: true|false` (set by the team invite
 * or the seed): they become members with the matching role. An account with neither claim signed
 * itself up and stays outside. Safe to run again: migrated accounts have a role.
 */
export async function migrateMembers(auth: Auth): Promise<number> {
  let migrated = 0;
  let pageToken: string | undefined;
  do {
    const page = await auth.listUsers(1000, pageToken);
    for (const user of page.users) {
      const claims = user.customClaims ?? {};
      if (roleFromClaims(claims) || typeof claims['admin'] !== 'boolean') continue;
      await auth.setCustomUserClaims(user.uid, withoutLegacyClaim({ ...claims, role: claims['admin'] ? 'admin' : 'staff' }));
      migrated++;
    }
    pageToken = page.pageToken;
  } while (pageToken);
  return migrated;
}

/** A demo dish with its category's id and tax (what the menu routes write). */
function withCategory(item: Omit<DemoMenuItem, 'id'>) {
  const category = DEMO_MENU_CATEGORIES.find((c) => c.name === item.category)!;
  return {
    ...item,
    categoryId: category.id,
    taxRateBasisPoints: category.taxRateBasisPoints,
    taxInclusive: category.taxInclusive,
    archived: false,
    version: 1,
  };
}

/**
 * Demo dishes seeded before menu categories were documents (no `categoryId`) join the category of
 * their name and take its tax; other dishes are not the seed's to change. Safe to run again:
 * categorized dishes are skipped.
 */
export async function categorizeDishes(db: Firestore): Promise<number> {
  const categories = await db.collection('menuCategories').get();
  const byName = new Map(categories.docs.map((doc) => [String(doc.get('name')), doc]));
  let moved = 0;
  for (const { id } of DEMO_MENU) {
    const dish = await db.doc(`menuItems/${id}`).get();
    if (!dish.exists || typeof dish.get('categoryId') === 'string') continue;
    const category = byName.get(String(dish.get('category')));
    if (!category) continue;
    await dish.ref.update({
      categoryId: category.id,
      taxRateBasisPoints: category.get('taxRateBasisPoints') as number,
      taxInclusive: category.get('taxInclusive') === true,
    });
    moved++;
  }
  return moved;
}

export async function seed(app: App): Promise<SeedReport> {
  if (!app.options.projectId?.startsWith('demo-')) {
    throw new Error(`Refusing to seed project "${app.options.projectId}": demo data goes only to a demo-* project.`);
  }
  const db = getFirestore(app);
  const report: SeedReport = { created: 0, unchanged: 0, migrated: 0, ordersMigrated: 0, namesClaimed: 0 };
  report.migrated = await migrateMembers(getAuth(app));
  report.ordersMigrated = (await migrateOrderItems(db)).migrated;
  await seedUsers(getAuth(app), db, report);
  for (const { id, ...category } of DEMO_MENU_CATEGORIES) await createIfMissing(db, `menuCategories/${id}`, category, report);
  await createIfMissing(db, 'settings/serviceCharge', DEMO_SERVICE_CHARGE, report);
  for (const { id, ...item } of DEMO_MENU) await createIfMissing(db, `menuItems/${id}`, withCategory(item), report);
  report.dishesCategorized = await categorizeDishes(db);
  for (const { id, ...account } of DEMO_ACCOUNTS) {
    await createIfMissing(db, `accounts/${id}`, { ...account, createdBy: 'demo-admin' }, report);
  }
  for (const { id, ...category } of DEMO_CATEGORIES) await createIfMissing(db, `categories/${id}`, category, report);
  // After the accounts and categories: claims follow the names they have now, renamed or not.
  report.namesClaimed = await claimNames(db);
  return report;
}

export function demoProjectId(): string {
  return process.env['GCLOUD_PROJECT'] ?? 'demo-maestro';
}

/**
 * Deletes every document of a demo project in the Firestore emulator (`--fresh`): the test runner
 * starts the Karma specs and the journeys each from the demo data alone, not from what the suites
 * before them wrote. Auth accounts stay (the seed brings the demo users back to their state).
 */
async function wipeFirestore(projectId: string): Promise<void> {
  if (!projectId.startsWith('demo-')) throw new Error(`Refusing to wipe project "${projectId}": only a demo-* project.`);
  const host = process.env['FIRESTORE_EMULATOR_HOST'];
  const response = await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`could not empty ${projectId} in the emulator at ${host}: ${response.status} ${await response.text()}`);
}

async function main(): Promise<void> {
  useEmulators();
  const fresh = process.argv.includes('--fresh');
  if (fresh) await wipeFirestore(demoProjectId());
  const app = getApps()[0] ?? initializeApp({ projectId: demoProjectId() });
  try {
    const report = await seed(app);
    const migrated = report.migrated ? `, ${report.migrated} account(s) given the member role` : '';
    const orders = report.ordersMigrated ? `, ${report.ordersMigrated} order(s) given their items array` : '';
    const names = report.namesClaimed ? `, ${report.namesClaimed} account/category name(s) claimed` : '';
    const dishes = report.dishesCategorized ? `, ${report.dishesCategorized} dish(es) given their menu category and tax` : '';
    const emptied = fresh ? ' (Firestore emptied first)' : '';
    console.log(`Demo data${emptied}: ${report.created} created, ${report.unchanged} already there${migrated}${orders}${names}${dishes}.`);
  } finally {
    await deleteApp(app);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
