/** The side navigation. Paths only: core knows where features live, never what is in them. */
export interface NavItem {
  path: string;
  label: string;
  icon: string;
  adminOnly: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/orders', label: 'Orders', icon: 'receipt_long', adminOnly: false },
  { path: '/kitchen', label: 'Kitchen', icon: 'soup_kitchen', adminOnly: false },
  { path: '/expenses', label: 'Expenses', icon: 'account_balance_wallet', adminOnly: false },
  { path: '/menu', label: 'Menu', icon: 'restaurant_menu', adminOnly: true },
  { path: '/reports/sales', label: 'Sales', icon: 'point_of_sale', adminOnly: true },
  { path: '/reports/profit', label: 'Profit', icon: 'trending_up', adminOnly: true },
  { path: '/activity', label: 'Activity', icon: 'history', adminOnly: true },
  { path: '/monitor', label: 'Monitor', icon: 'monitor_heart', adminOnly: true },
  { path: '/team', label: 'Team', icon: 'group', adminOnly: true },
];
