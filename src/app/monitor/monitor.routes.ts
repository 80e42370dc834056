import type { Routes } from '@angular/router';

export const MONITOR_ROUTES: Routes = [
  { path: '', title: 'Monitor · Maestro', loadComponent: () => import('./ui/monitor-page').then((m) => m.MonitorPage) },
];
