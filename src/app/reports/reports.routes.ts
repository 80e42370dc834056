import type { Routes } from '@angular/router';

/** Admins only (the guard is on the parent route in app.routes.ts; the API refuses others too). */
export const REPORTS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'sales' },
  { path: 'sales', title: 'Sales · Maestro', loadComponent: () => import('./ui/sales-report-page').then((m) => m.SalesReportPage) },
  // Reached from the sales figures: the navigation keeps Sales marked (`navActive`, read by the shell).
  {
    path: 'orders',
    title: 'Orders behind the sales · Maestro',
    data: { navActive: '/reports/sales' },
    loadComponent: () => import('./ui/sales-orders-page').then((m) => m.SalesOrdersPage),
  },
  { path: 'profit', title: 'Profit · Maestro', loadComponent: () => import('./ui/profit-page').then((m) => m.ProfitPage) },
];
