import type { Routes } from '@angular/router';
import { fetchingMeanwhile } from '../core/routing/fetching-meanwhile';

const boardPage = () => import('./ui/board/order-board-page').then((m) => m.OrderBoardPage);
const kitchenPage = () => import('./ui/kitchen/kitchen-display-page').then((m) => m.KitchenDisplayPage);

export const ORDERS_ROUTES: Routes = [
  // The board and the kitchen are the first screens after sign-in: fetched while Auth is checked.
  { path: '', title: 'Orders · Maestro', canMatch: [fetchingMeanwhile(boardPage)], loadComponent: boardPage },
  { path: ':id', title: 'Order · Maestro', loadComponent: () => import('./ui/detail/order-detail-page').then((m) => m.OrderDetailPage) },
];

export const KITCHEN_ROUTES: Routes = [
  {
    path: '',
    title: 'Kitchen · Maestro',
    // A wall screen: every pixel, no reading-width column, no app toolbar or navigation (kitchen mode).
    data: { fullBleed: true, chrome: false },
    canMatch: [fetchingMeanwhile(kitchenPage)],
    loadComponent: kitchenPage,
  },
];
