import type { Routes } from '@angular/router';
import { adminGuard, signedInGuard, signedOutGuard } from './core/auth/guards';
import { Shell } from './core/layout/shell';
import { NotFoundPage } from './core/layout/not-found-page';

export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Maestro',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./core/auth/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: '',
    component: Shell,
    canActivate: [signedInGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'orders' },
      { path: 'orders', loadChildren: () => import('./orders/orders.routes').then((m) => m.ORDERS_ROUTES) },
      { path: 'kitchen', loadChildren: () => import('./orders/orders.routes').then((m) => m.KITCHEN_ROUTES) },
      { path: 'expenses', loadChildren: () => import('./expenses/expenses.routes').then((m) => m.EXPENSES_ROUTES) },
      {
        path: 'activity',
        canActivate: [adminGuard],
        data: { label: 'Activity' },
        loadChildren: () => import('./activity/activity.routes').then((m) => m.ACTIVITY_ROUTES),
      },
      {
        path: 'monitor',
        canActivate: [adminGuard],
        data: { label: 'Monitor' },
        loadChildren: () => import('./monitor/monitor.routes').then((m) => m.MONITOR_ROUTES),
      },
      { path: '**', title: 'Not found · Maestro', component: NotFoundPage },
    ],
  },
];
