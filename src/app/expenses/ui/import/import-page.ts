import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PageHeader } from '../../../shared/ui/page-header';

// Placeholder: being built now.
@Component({
  selector: 'app-import-page',
  imports: [PageHeader],
  template: `<app-page-header title="Import" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPage {}
