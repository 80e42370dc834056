// The demo business: two accounts to sign in with, a small menu, and the expense basics.
// Ids are fixed so seeding is idempotent and tests can refer to them.

export interface DemoUser {
  uid: string;
  email: string;
  password: string;
  displayName: string;
  admin: boolean;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { uid: 'demo-admin', email: 'admin@maestro.test', password: 'maestro-admin', displayName: 'Alex Admin', admin: true },
  { uid: 'demo-staff', email: 'staff@maestro.test', password: 'maestro-staff', displayName: 'Sam Staff', admin: false },
];

export type KitchenStation = 'grill' | 'fry' | 'cold' | 'pastry' | 'bar';

// Tax follows the demo currency's (USD) convention: prices are before tax, which is added on top
// (exclusive), at a US city's sales tax of 8.25 % on food and 10 % on drinks; dine-in orders carry
// a 10 % service charge (not taxed), takeaway and delivery none.
export interface DemoMenuCategory {
  id: string;
  name: DemoMenuItem['category'];
  position: number;
  taxRateBasisPoints: number;
  taxInclusive: boolean;
  version: number;
}

export const DEMO_MENU_CATEGORIES: readonly DemoMenuCategory[] = [
  { id: 'starters', name: 'Starters', position: 0, taxRateBasisPoints: 825, taxInclusive: false, version: 1 },
  { id: 'mains', name: 'Mains', position: 1, taxRateBasisPoints: 825, taxInclusive: false, version: 1 },
  { id: 'desserts', name: 'Desserts', position: 2, taxRateBasisPoints: 825, taxInclusive: false, version: 1 },
  { id: 'drinks', name: 'Drinks', position: 3, taxRateBasisPoints: 1000, taxInclusive: false, version: 1 },
];

export const DEMO_SERVICE_CHARGE = {
  serviceRateBasisPoints: { 'dine-in': 1000, takeaway: 0, delivery: 0 },
  version: 1,
} as const;

export interface DemoMenuItem {
  id: string;
  name: string;
  category: 'Starters' | 'Mains' | 'Desserts' | 'Drinks';
  station: KitchenStation;
  priceMinor: number;
  currency: string;
  stock: number;
  available: boolean;
}

export const DEMO_MENU: readonly DemoMenuItem[] = [
  { id: 'bruschetta', name: 'Tomato bruschetta', category: 'Starters', station: 'cold', priceMinor: 750, currency: 'USD', stock: 40, available: true },
  { id: 'calamari', name: 'Fried calamari', category: 'Starters', station: 'fry', priceMinor: 1150, currency: 'USD', stock: 25, available: true },
  { id: 'caesar-salad', name: 'Caesar salad', category: 'Starters', station: 'cold', priceMinor: 950, currency: 'USD', stock: 30, available: true },
  { id: 'ribeye', name: 'Ribeye steak 300 g', category: 'Mains', station: 'grill', priceMinor: 3200, currency: 'USD', stock: 15, available: true },
  { id: 'burger', name: 'House burger', category: 'Mains', station: 'grill', priceMinor: 1650, currency: 'USD', stock: 50, available: true },
  { id: 'fish-and-chips', name: 'Fish and chips', category: 'Mains', station: 'fry', priceMinor: 1800, currency: 'USD', stock: 30, available: true },
  { id: 'risotto', name: 'Mushroom risotto', category: 'Mains', station: 'grill', priceMinor: 1700, currency: 'USD', stock: 0, available: false },
  { id: 'tiramisu', name: 'Tiramisu', category: 'Desserts', station: 'pastry', priceMinor: 800, currency: 'USD', stock: 20, available: true },
  { id: 'lemon-tart', name: 'Lemon tart', category: 'Desserts', station: 'pastry', priceMinor: 750, currency: 'USD', stock: 12, available: true },
  { id: 'lemonade', name: 'Fresh lemonade', category: 'Drinks', station: 'bar', priceMinor: 450, currency: 'USD', stock: 100, available: true },
  { id: 'espresso', name: 'Espresso', category: 'Drinks', station: 'bar', priceMinor: 300, currency: 'USD', stock: 200, available: true },
];

export interface DemoAccount {
  id: string;
  name: string;
  type: 'cash' | 'bank' | 'card';
  currency: string;
  openingBalanceMinor: number;
  archived: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: 'cash-register', name: 'Cash register', type: 'cash', currency: 'USD', openingBalanceMinor: 25_000, archived: false },
  { id: 'business-checking', name: 'Business checking', type: 'bank', currency: 'USD', openingBalanceMinor: 1_250_000, archived: false },
  { id: 'company-card', name: 'Company card', type: 'card', currency: 'USD', openingBalanceMinor: 0, archived: false },
];

export interface DemoCategory {
  id: string;
  name: string;
  colour: string;
  icon: string;
  parentId: string | null;
}

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  { id: 'ingredients', name: 'Ingredients', colour: '#2e7d32', icon: 'restaurant', parentId: null },
  { id: 'produce', name: 'Produce', colour: '#66bb6a', icon: 'eco', parentId: 'ingredients' },
  { id: 'utilities', name: 'Utilities', colour: '#1565c0', icon: 'bolt', parentId: null },
  { id: 'rent', name: 'Rent', colour: '#6a1b9a', icon: 'home', parentId: null },
  { id: 'wages', name: 'Wages', colour: '#ef6c00', icon: 'payments', parentId: null },
  { id: 'equipment', name: 'Equipment', colour: '#455a64', icon: 'kitchen', parentId: null },
];
