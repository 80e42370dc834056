import type { Routes } from '@angular/router';

export const EXPENSES_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./ui/shell/expenses-shell').then((m) => m.ExpensesShell),
    children: [
      { path: '', title: 'Expenses · Maestro', loadComponent: () => import('./ui/list/expenses-list-page').then((m) => m.ExpensesListPage) },
      { path: 'accounts', title: 'Accounts · Maestro', loadComponent: () => import('./ui/accounts/accounts-page').then((m) => m.AccountsPage) },
      { path: 'transfers', title: 'Transfers · Maestro', loadComponent: () => import('./ui/transfers/transfers-page').then((m) => m.TransfersPage) },
      { path: 'categories', title: 'Categories · Maestro', loadComponent: () => import('./ui/categories/categories-page').then((m) => m.CategoriesPage) },
      { path: 'budgets', title: 'Budgets · Maestro', loadComponent: () => import('./ui/budgets/budgets-page').then((m) => m.BudgetsPage) },
      { path: 'summary', title: 'Summary · Maestro', loadComponent: () => import('./ui/summary/summary-page').then((m) => m.SummaryPage) },
      { path: 'import', title: 'Import · Maestro', loadComponent: () => import('./ui/import/import-page').then((m) => m.ImportPage) },
      {
        path: 'import/rules',
        title: 'Import rules · Maestro',
        loadComponent: () => import('./ui/import/import-rules-page').then((m) => m.ImportRulesPage),
      },
    ],
  },
];
