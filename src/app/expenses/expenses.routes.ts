import type { Routes } from '@angular/router';

export const EXPENSES_ROUTES: Routes = [
  { path: '', title: 'Expenses · Maestro', loadComponent: () => import('./ui/expenses-page').then((m) => m.ExpensesPage) },
];
