// Order requests that differ from a first one in a single field: what a reused Idempotency-Key
// must refuse (orders-concurrency.test.ts) and what the request hash must tell apart
// (idempotency-hash.test.ts).

/** [what changed, the first request, the same request with that one field changed]. */
export type FieldChange = [string, Record<string, unknown>, Record<string, unknown>];

export function oneFieldChanged(dish: string, otherDish: string): FieldChange[] {
  const items = [{ menuItemId: dish, quantity: 1, notes: 'no onions' }];
  const atTable = { type: 'dine-in', table: '4', customerName: 'Ada', notes: 'window', items };
  const address = { street: '1 Test Street', city: 'Berlin', postalCode: '10115', instructions: 'ring twice' };
  const delivered = { type: 'delivery', address, customerName: 'Ada', notes: 'window', items };
  const line = items[0]!;
  return [
    ['type', atTable, { ...atTable, type: 'takeaway', table: undefined }],
    ['table', atTable, { ...atTable, table: '5' }],
    ['customerName', atTable, { ...atTable, customerName: 'Bea' }],
    ['notes', atTable, { ...atTable, notes: 'door' }],
    ['address.street', delivered, { ...delivered, address: { ...address, street: '2 Test Street' } }],
    ['address.city', delivered, { ...delivered, address: { ...address, city: 'Hamburg' } }],
    ['address.postalCode', delivered, { ...delivered, address: { ...address, postalCode: '10117' } }],
    ['address.instructions', delivered, { ...delivered, address: { ...address, instructions: undefined } }],
    ['items: another dish', atTable, { ...atTable, items: [{ ...line, menuItemId: otherDish }] }],
    ['items: a quantity', atTable, { ...atTable, items: [{ ...line, quantity: 2 }] }],
    ['items: a line note', atTable, { ...atTable, items: [{ ...line, notes: '' }] }],
    ['items: one more line', atTable, { ...atTable, items: [...items, { menuItemId: otherDish, quantity: 1 }] }],
  ];
}
