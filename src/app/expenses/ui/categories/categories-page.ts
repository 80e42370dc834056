import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PageHeader } from '../../../shared/ui/page-header';

// Placeholder: being built now.
@Component({
  selector: 'app-categories-page',
  imports: [PageHeader],
  template: `<app-page-header title="Categories" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CategoriesPage {}
