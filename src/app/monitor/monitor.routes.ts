import type { Routes } from '@angular/router';

export const MONITOR_ROUTES: Routes = [
  { path: '', title: 'Monitor · Maestro', loadComponent: () => import('./ui/monitor-page').then((m) => m.MonitorPage) },
  // `?correlationId=…` finds the order; `:orderId` opens its saga directly (from the order page).
  { path: 'sagas', title: 'Saga · Maestro', loadComponent: () => import('./ui/saga/saga-page').then((m) => m.SagaPage) },
  { path: 'sagas/:orderId', title: 'Saga · Maestro', loadComponent: () => import('./ui/saga/saga-page').then((m) => m.SagaPage) },
];
