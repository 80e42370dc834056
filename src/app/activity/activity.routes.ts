import type { Routes } from '@angular/router';

export const ACTIVITY_ROUTES: Routes = [
  { path: '', title: 'Activity · Maestro', loadComponent: () => import('./ui/activity-page').then((m) => m.ActivityPage) },
];
