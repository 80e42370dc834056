import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { EmptyState } from '../../shared/ui/empty-state';

@Component({
  selector: 'app-not-found-page',
  imports: [EmptyState, MatButtonModule, RouterLink],
  template: `
    <app-empty-state
      icon="explore_off"
      title="Page not found"
      [description]="'There is no page at ' + path + '. It may have moved, or the link may be mistyped.'"
    >
      <a mat-flat-button routerLink="/orders" class="back">Go to the order board</a>
    </app-empty-state>
  `,
  styles: `
    .back {
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {
  protected readonly path = inject(Router).url;
}
