import type { Routes } from '@angular/router';

export const TEAM_ROUTES: Routes = [
  { path: '', title: 'Team · Maestro', loadComponent: () => import('./ui/team-page').then((m) => m.TeamPage) },
];
