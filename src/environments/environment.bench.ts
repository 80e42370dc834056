import type { AppEnvironment } from '../app/core/config/app-environment';

// `npm run bench -- order-board`: the development setup (emulators, demo project for sign-in),
// with the API on port 3101 so the bench never collides with the e2e runs on 3001/4200.
export const environment: AppEnvironment = {
  production: false,
  apiUrl: 'http://127.0.0.1:3101',
  firebase: {
    apiKey: 'demo-api-key',
    authDomain: 'demo-maestro.firebaseapp.com',
    projectId: 'demo-maestro',
  },
  emulators: { auth: 'http://127.0.0.1:9099', firestoreHost: '127.0.0.1', firestorePort: 8080 },
  demoAccounts: [
    { label: 'Admin', email: 'admin@maestro.test', password: 'maestro-admin' },
    { label: 'Staff', email: 'staff@maestro.test', password: 'maestro-staff' },
  ],
};
