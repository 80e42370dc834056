import type { AppEnvironment } from '../app/core/config/app-environment';

// Production: fill in your Firebase web app's config (Firebase console → Project settings →
// Your apps) and the URL where the Orders API runs. Nothing here is secret.
export const environment: AppEnvironment = {
  production: true,
  apiUrl: 'https://api.example.com',
  firebase: {
    apiKey: 'YOUR_WEB_API_KEY',
    authDomain: 'YOUR_PROJECT.firebaseapp.com',
    projectId: 'YOUR_PROJECT',
    appId: 'YOUR_APP_ID',
  },
  emulators: null,
  demoAccounts: [],
};
