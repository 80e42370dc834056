import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PageHeader } from '../../../shared/ui/page-header';

// Placeholder: being built now.
@Component({
  selector: 'app-summary-page',
  imports: [PageHeader],
  template: `<app-page-header title="Summary" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SummaryPage {}
