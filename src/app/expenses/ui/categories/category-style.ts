/** The palette and icons offered for categories: enough to tell them apart at a glance. */
export const CATEGORY_COLOURS = [
  '#2e7d32', '#66bb6a', '#00897b', '#0277bd', '#1565c0', '#5e35b1',
  '#6a1b9a', '#ad1457', '#c62828', '#ef6c00', '#f9a825', '#6d4c41', '#546e7a', '#37474f',
] as const;

export const CATEGORY_ICONS = [
  'restaurant', 'eco', 'local_bar', 'coffee', 'bakery_dining', 'set_meal', 'bolt', 'water_drop',
  'local_fire_department', 'home', 'build', 'cleaning_services', 'local_shipping', 'inventory_2',
  'receipt_long', 'campaign', 'groups', 'payments', 'account_balance', 'computer', 'wifi',
  'local_laundry_service', 'health_and_safety', 'category',
] as const;
