import type { EnvironmentProviders } from '@angular/core';
import { provideLazyOrchestrators } from '../core/orchestration/lazy-orchestrator';

/**
 * What the expenses feature needs from app start: its orchestrators listen from the first event,
 * and their code (Firestore writes, merge and import plans) arrives with it, not in the initial
 * bundle. Each entry names every event its class's listen() subscribes to
 * (expenses.providers.spec.ts checks it).
 */
export function provideExpenses(): EnvironmentProviders {
  return provideLazyOrchestrators(
    {
      name: 'accounts',
      events: ['ACCOUNT_CREATION_REQUESTED', 'ACCOUNT_UPDATE_REQUESTED'],
      load: () => import('./orchestrator/accounts-orchestrator').then((m) => m.AccountsOrchestrator),
    },
    {
      name: 'expenses',
      events: ['EXPENSE_RECORDING_REQUESTED', 'EXPENSE_UPDATE_REQUESTED', 'EXPENSE_DELETION_REQUESTED', 'EXPENSE_RESTORATION_REQUESTED'],
      load: () => import('./orchestrator/expenses-orchestrator').then((m) => m.ExpensesOrchestrator),
    },
    {
      name: 'categories',
      events: ['CATEGORY_CREATION_REQUESTED', 'CATEGORY_UPDATE_REQUESTED', 'CATEGORY_DELETION_REQUESTED'],
      load: () => import('./orchestrator/categories-orchestrator').then((m) => m.CategoriesOrchestrator),
    },
    {
      name: 'transfers',
      events: ['TRANSFER_RECORDING_REQUESTED', 'TRANSFER_DELETION_REQUESTED'],
      load: () => import('./orchestrator/transfers-orchestrator').then((m) => m.TransfersOrchestrator),
    },
    {
      name: 'budgets',
      events: ['BUDGET_SETTING_REQUESTED'],
      load: () => import('./orchestrator/budgets-orchestrator').then((m) => m.BudgetsOrchestrator),
    },
    {
      name: 'expense-import',
      events: ['EXPENSES_IMPORT_REQUESTED', 'EXPENSES_IMPORT_CANCELLATION_REQUESTED'],
      load: () => import('./orchestrator/import-orchestrator').then((m) => m.ImportOrchestrator),
    },
    {
      name: 'import-rules',
      events: ['IMPORT_RULES_SAVING_REQUESTED', 'IMPORT_RULE_DELETION_REQUESTED'],
      load: () => import('./orchestrator/import-rules-orchestrator').then((m) => m.ImportRulesOrchestrator),
    },
    {
      name: 'expense-import-undo',
      events: ['EXPENSES_IMPORT_UNDO_REQUESTED'],
      load: () => import('./orchestrator/import-undo-orchestrator').then((m) => m.ImportUndoOrchestrator),
    },
    {
      name: 'duplicates-merge',
      events: ['DUPLICATES_MERGE_REQUESTED'],
      load: () => import('./orchestrator/merge-orchestrator').then((m) => m.MergeOrchestrator),
    },
  );
}
