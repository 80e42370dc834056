import type { AppEnvironment } from '../app/core/config/app-environment';

// Local development: the Firebase emulators and the API on loopback (see firebase.json).
export const environment: AppEnvironment = {
  production: false,
  apiUrl: 'http://127.0.0.1:3001',
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
