import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PageHeader } from '../../../shared/ui/page-header';

// Placeholder: being built now.
@Component({
  selector: 'app-expenses-list-page',
  imports: [PageHeader],
  template: `<app-page-header title="Expenses" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpensesListPage {}
