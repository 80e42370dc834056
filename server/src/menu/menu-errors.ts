import { ApiError } from '../http/api-error';
import { orderError } from '../orders/order-errors';

export const dishNotFound = (id: string) =>
  orderError('menu_item_not_found', `There is no dish ${id} on the menu. Reload the menu.`);

export const categoryNotFound = (id: string) =>
  new ApiError(404, 'not_found', `There is no menu category ${id}. Reload the menu.`);

export const staffMayOnly86 = () =>
  new ApiError(
    403,
    'forbidden',
    'Staff may only mark a dish available or unavailable; ask an admin to change anything else on the menu.',
  );
