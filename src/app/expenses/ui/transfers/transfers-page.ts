import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PageHeader } from '../../../shared/ui/page-header';

// Placeholder: being built now.
@Component({
  selector: 'app-transfers-page',
  imports: [PageHeader],
  template: `<app-page-header title="Transfers" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransfersPage {}
