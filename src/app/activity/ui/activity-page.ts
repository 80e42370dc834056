import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';

@Component({
  selector: 'app-activity-page',
  imports: [PageHeader, EmptyState],
  template: `
    <app-page-header title="Activity" subtitle="Who changed what, and when." />
    <app-empty-state
      icon="history"
      title="No activity yet"
      description="Every change to orders, expenses and accounts is recorded here with its author and the old and new values."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityPage {}
