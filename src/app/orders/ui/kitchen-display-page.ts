import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';

@Component({
  selector: 'app-kitchen-display-page',
  imports: [PageHeader, EmptyState],
  template: `
    <app-page-header title="Kitchen" subtitle="Tickets in arrival order, by station." />
    <app-empty-state
      icon="soup_kitchen"
      title="No tickets to prepare"
      description="New orders arrive here the moment they are placed, oldest first, with the time they have been waiting."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KitchenDisplayPage {}
