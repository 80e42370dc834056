import type { Routes } from '@angular/router';

export const ORDERS_ROUTES: Routes = [
  { path: '', title: 'Orders · Maestro', loadComponent: () => import('./ui/board/order-board-page').then((m) => m.OrderBoardPage) },
  { path: ':id', title: 'Order · Maestro', loadComponent: () => import('./ui/detail/order-detail-page').then((m) => m.OrderDetailPage) },
];

export const KITCHEN_ROUTES: Routes = [
  {
    path: '',
    title: 'Kitchen · Maestro',
    // A wall screen: every pixel, no reading-width column, no app toolbar or navigation (kitchen mode).
    data: { fullBleed: true, chrome: false },
    loadComponent: () => import('./ui/kitchen/kitchen-display-page').then((m) => m.KitchenDisplayPage),
  },
];
