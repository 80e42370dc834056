import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';

@Component({
  selector: 'app-order-board-page',
  imports: [PageHeader, EmptyState],
  template: `
    <app-page-header title="Orders" subtitle="Every open order, by status, updated live." />
    <app-empty-state
      icon="receipt_long"
      title="No open orders"
      description="Orders taken at the counter, at the table or for delivery appear here as soon as they are placed."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderBoardPage {}
