import type { Routes } from '@angular/router';
import { WELCOME_PAGE_PATH } from '@maestro/contracts';
import { adminGuard, outsiderGuard, signedInGuard, signedOutGuard } from './core/auth/guards';
import { fetchingMeanwhile } from './core/routing/fetching-meanwhile';

const signInPage = () => import('./core/auth/sign-in-page').then((m) => m.SignInPage);
const shell = () => import('./core/layout/shell').then((m) => m.Shell);

export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Maestro',
    canMatch: [fetchingMeanwhile(signInPage)],
    canActivate: [signedOutGuard],
    loadComponent: signInPage,
  },
  {
    // An invite link lands here, signed in or not: the new member chooses a password.
    path: WELCOME_PAGE_PATH,
    title: 'Choose your password · Maestro',
    loadComponent: () => import('./core/auth/welcome-page').then((m) => m.WelcomePage),
  },
  {
    path: 'no-access',
    title: 'No access · Maestro',
    canActivate: [outsiderGuard],
    loadComponent: () => import('./core/auth/no-access-page').then((m) => m.NoAccessPage),
  },
  {
    path: '',
    // Lazy: the sign-in page should not wait for the shell's Material components.
    loadComponent: shell,
    canMatch: [fetchingMeanwhile(shell)],
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
      {
        path: 'reports',
        canActivate: [adminGuard],
        data: { label: 'Reports' },
        loadChildren: () => import('./reports/reports.routes').then((m) => m.REPORTS_ROUTES),
      },
      {
        path: 'menu',
        canActivate: [adminGuard],
        data: { label: 'Menu' },
        loadChildren: () => import('./menu/menu.routes').then((m) => m.MENU_ROUTES),
      },
      { path: 'team', canActivate: [adminGuard], data: { label: 'Team' }, loadChildren: () => import('./team/team.routes').then((m) => m.TEAM_ROUTES) },
      {
        path: '**',
        title: 'Not found · Maestro',
        loadComponent: () => import('./core/layout/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
