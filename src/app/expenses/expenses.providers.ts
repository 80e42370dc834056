import type { EnvironmentProviders } from '@angular/core';
import { provideOrchestrators } from '../core/orchestration/orchestrator-manager';
import { AccountsOrchestrator } from './orchestrator/accounts-orchestrator';
import { BudgetsOrchestrator } from './orchestrator/budgets-orchestrator';
import { ExpensesOrchestrator } from './orchestrator/expenses-orchestrator';
import { CategoriesOrchestrator } from './orchestrator/categories-orchestrator';
import { TransfersOrchestrator } from './orchestrator/transfers-orchestrator';
import { ImportOrchestrator } from './orchestrator/import-orchestrator';
import { ImportRulesOrchestrator } from './orchestrator/import-rules-orchestrator';
import { ImportUndoOrchestrator } from './orchestrator/import-undo-orchestrator';
import { MergeOrchestrator } from './orchestrator/merge-orchestrator';

/** What the expenses feature needs from app start: its orchestrators listen from the first event. */
export function provideExpenses(): EnvironmentProviders {
  return provideOrchestrators(AccountsOrchestrator, ExpensesOrchestrator, CategoriesOrchestrator, TransfersOrchestrator, BudgetsOrchestrator, ImportOrchestrator, ImportRulesOrchestrator, ImportUndoOrchestrator, MergeOrchestrator);
}
