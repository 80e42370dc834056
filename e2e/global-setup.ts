import { deleteApp, initializeApp } from 'firebase-admin/app';
import { seed } from '../scripts/seed/seed';

/** The journeys sign in as the demo users: make sure they exist (seeding is idempotent). */
export default async function globalSetup(): Promise<void> {
  const app = initializeApp({ projectId: 'demo-maestro' }, 'e2e-setup');
  try {
    await seed(app);
  } finally {
    await deleteApp(app);
  }
}
