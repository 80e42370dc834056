import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** The expenses section: one tab per job, each its own lazy page. */
const TABS = [
  { path: './', label: 'Expenses', exact: true },
  { path: 'accounts', label: 'Accounts', exact: false },
  { path: 'transfers', label: 'Transfers', exact: false },
  { path: 'categories', label: 'Categories', exact: false },
  { path: 'budgets', label: 'Budgets', exact: false },
  { path: 'summary', label: 'Summary', exact: false },
  { path: 'import', label: 'Import', exact: false },
] as const;

@Component({
  selector: 'app-expenses-shell',
  imports: [MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Expenses sections" class="tabs">
      @for (tab of tabs; track tab.path) {
        <a
          mat-tab-link
          [routerLink]="tab.path"
          routerLinkActive
          #active="routerLinkActive"
          [routerLinkActiveOptions]="{ exact: tab.exact }"
          [active]="active.isActive"
          >{{ tab.label }}</a
        >
      }
    </nav>
    <mat-tab-nav-panel #panel>
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styles: `
    .tabs {
      margin: -8px 0 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpensesShell {
  protected readonly tabs = TABS;
}
