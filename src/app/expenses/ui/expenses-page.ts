import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';

@Component({
  selector: 'app-expenses-page',
  imports: [PageHeader, EmptyState],
  template: `
    <app-page-header title="Expenses" subtitle="What the business spends, by account and category." />
    <app-empty-state
      icon="account_balance_wallet"
      title="No expenses recorded"
      description="Expenses you record or import appear here with their account, category and payee."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpensesPage {}
