import {
  ORDER_ERROR_STATUS,
  legalNextStatuses,
  type ApiErrorDetail,
  type OrderErrorCode,
  type OrderStatus,
  type OrderType,
} from '@maestro/contracts';
import { ApiError, type ApiErrorContext } from '../http/api-error';

/** An order error with the HTTP status the contract gives its code. */
export function orderError(
  code: OrderErrorCode,
  message: string,
  extra: { context?: ApiErrorContext; details?: readonly ApiErrorDetail[] } = {},
): ApiError {
  return new ApiError(ORDER_ERROR_STATUS[code], code, message, extra);
}

export const orderNotFound = (orderId: string) =>
  orderError('order_not_found', `There is no order ${orderId}. It may have been deleted.`);

export const itemNotFound = (orderId: string, itemId: string) =>
  orderError('order_item_not_found', `Order ${orderId} has no item ${itemId}.`, {
    context: { orderId },
  });

export function illegalTransition(
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  type: OrderType,
): ApiError {
  const allowed = legalNextStatuses(from, { type });
  const next = allowed.length ? `It can go to ${allowed.join(', ')}.` : 'It is final.';
  return orderError(
    'illegal_transition',
    `Order ${orderId} is ${from} and cannot become ${to}. ${next}`,
    {
      context: { orderId, currentStatus: from, allowedStatuses: allowed },
    },
  );
}

export function notEditable(orderId: string, status: OrderStatus, what: string): ApiError {
  return orderError(
    'order_not_editable',
    `Order ${orderId} is ${status}: its ${what} can no longer change.`,
    { context: { orderId, currentStatus: status } },
  );
}
