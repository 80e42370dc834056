import {
  ORDER_ERROR_STATUS,
  ORDER_ITEMS_MAX,
  ORDER_TOTAL_MAX_MINOR,
  legalNextStatuses,
  type ApiErrorDetail,
  type OrderErrorCode,
  type OrderStatus,
  type OrderType,
} from '@maestro/contracts';
import { ApiError, type ApiErrorContext } from '../http/api-error';
import { moneyWords } from './money-words';

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

/** 400 order_too_large: the total past ORDER_TOTAL_MAX_MINOR (orderId null: an order being placed). */
export function orderTooLarge(orderId: string | null, totalMinor: number, currency: string): ApiError {
  const cap = moneyWords(ORDER_TOTAL_MAX_MINOR, currency);
  const total = moneyWords(totalMinor, currency);
  return orderId === null
    ? orderError(
        'order_too_large',
        `This order comes to ${total}; an order may come to at most ${cap}. Split it into several orders.`,
      )
    : orderError(
        'order_too_large',
        `That would bring order ${orderId} to ${total}; an order may come to at most ${cap}. Start a new order for the rest.`,
        { context: { orderId } },
      );
}

/** 400 order_too_large: a line more than ORDER_ITEMS_MAX. */
export const tooManyLines = (orderId: string): ApiError =>
  orderError(
    'order_too_large',
    `Order ${orderId} already has ${ORDER_ITEMS_MAX} lines, the most an order takes: change the quantity of a line instead, or start a new order.`,
    { context: { orderId } },
  );
