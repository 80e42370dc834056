// For specs: the orders reducer as the store runs it in dev mode, with state and actions frozen,
// so a reducer that mutates what it was given throws in a spec too.
import type { Action } from '@ngrx/store';
import { ordersFeature } from './orders.reducer';
import type { OrdersState } from './orders.state';

export function reduce(state: OrdersState, ...actions: Action[]): OrdersState {
  return actions.reduce((next, action) => ordersFeature.reducer(deepFreeze(next), deepFreeze(action)), state);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}
