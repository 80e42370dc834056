import type { Routes } from '@angular/router';

export const MENU_ROUTES: Routes = [
  { path: '', title: 'Menu · Maestro', loadComponent: () => import('./ui/menu-page').then((m) => m.MenuPage) },
];
