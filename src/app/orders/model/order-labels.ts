import { ORDER_STATUS_WORDS, orderDestinationWords, shortOrderNumber, type Order, type OrderStatus } from '@maestro/contracts';

/** What staff call each status on screen (contracts' wording, shared with error sentences). */
export const STATUS_LABEL: Record<OrderStatus, string> = ORDER_STATUS_WORDS;

/** The button that moves an order to `to`, worded from where it is. */
export function moveLabel(from: OrderStatus, to: OrderStatus): string {
  if (from === 'READY' && to === 'PREPARING') return 'Recall';
  switch (to) {
    case 'PREPARING':
      return 'Start';
    case 'READY':
      return 'Ready';
    case 'SERVED':
      return 'Served';
    case 'OUT_FOR_DELIVERY':
      return 'Send out';
    case 'DELIVERED':
      return 'Delivered';
    case 'CANCELLED':
      return 'Cancel';
    default:
      return STATUS_LABEL[to];
  }
}

/** A short reference people can say out loud: the id's first six characters. */
export const orderNumber = (order: Pick<Order, 'id'>): string => shortOrderNumber(order.id);

/** A refusal with the order's number in front, unless its words already name the order. */
export function aboutOrder(order: Pick<Order, 'id'>, message: string): string {
  const number = orderNumber(order);
  return message.includes(number) ? message : `${number}: ${message}`;
}

/** Where the order goes: a table, a name to call, or a street (the reports word it the same). */
export const orderDestination = (order: Order): string => orderDestinationWords(order);

/** "3 min", "1 h 5 min": how long since `iso`, for ages on cards and tickets. */
export function elapsed(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
