import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PageHeader } from '../../../shared/ui/page-header';

// Placeholder: being built now.
@Component({
  selector: 'app-budgets-page',
  imports: [PageHeader],
  template: `<app-page-header title="Budgets" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BudgetsPage {}
