// What a failed POST /api/orders means for the form: the message to show (with dish names, not
// ids), which fields to mark, and whether the next attempt needs a new Idempotency-Key.
import type { AbstractControl } from '@angular/forms';
import type { ApiErrorDetail, OrderStatus } from '@maestro/contracts';
import { ApiRequestError } from '../../../core/http/api-error-message';
import { orderNumber } from '../../model/order-labels';
import type { NewOrderForm } from './new-order-form';

export interface PlacementProblem {
  message: string;
  /**
   * The attempt did make an order (it ended FAILED or CANCELLED, or an earlier attempt with this
   * key made one): the key is spent, so sending it again would only replay that outcome.
   * Every other failure (no connection, 5xx, 400, a dish refused before the order was written)
   * keeps the key, so a retry never makes a second order.
   */
  keySpent: boolean;
  details: readonly ApiErrorDetail[];
}

const SETTLED: readonly OrderStatus[] = ['FAILED', 'CANCELLED'];

export function placementProblem(error: unknown, dishNames: ReadonlyMap<string, string>): PlacementProblem {
  if (!(error instanceof ApiRequestError)) {
    return { message: 'The order could not be placed. Try again.', keySpent: false, details: [] };
  }
  const details = Array.isArray(error.extra['details']) ? (error.extra['details'] as ApiErrorDetail[]) : [];
  const orderId = typeof error.extra['orderId'] === 'string' ? error.extra['orderId'] : null;
  if (error.code === 'idempotency_key_reused' && orderId) {
    return {
      message: `An earlier try of this form already placed order ${orderNumber({ id: orderId })} (its answer was lost on the way). Check the board before you place it again.`,
      keySpent: true,
      details: [],
    };
  }
  const status = error.extra['currentStatus'];
  const keySpent = !!orderId && SETTLED.includes(status as OrderStatus);
  const message = error.code === 'validation_failed' && details.length ? 'Some fields need a fix: see the marked fields.' : withDishNames(error.message, dishNames);
  return { message, keySpent, details: details.map((detail) => ({ ...detail, message: withDishNames(detail.message, dishNames) })) };
}

/** Marks each field the API named; returns how many it could place. */
export function markFieldErrors(form: NewOrderForm, details: readonly ApiErrorDetail[]): number {
  let marked = 0;
  for (const detail of details) {
    const control = controlAt(form, detail.path);
    if (!control) continue;
    control.setErrors({ ...control.errors, server: sentence(detail.message) });
    control.markAsTouched();
    marked++;
  }
  return marked;
}

function controlAt(form: NewOrderForm, path: string): AbstractControl | null {
  const [head, second, third] = path.split('.');
  switch (head) {
    case 'table':
    case 'customerName':
    case 'notes':
      return form.controls[head];
    case 'address':
      return second && second in form.controls.address.controls ? form.controls.address.get(second) : form.controls.address;
    case 'items': {
      if (second === undefined) return form.controls.lines;
      const line = form.controls.lines.at(Number(second));
      if (!line) return null;
      return third === 'quantity' || third === 'notes' ? line.controls[third] : line;
    }
    default:
      return null;
  }
}

/** The API names dishes by id ("Not enough left of burger-classic"); staff know them by name. */
export function withDishNames(message: string, dishNames: ReadonlyMap<string, string>): string {
  if (!dishNames.size) return message;
  // One pass, longest id first, whole ids only: `fries` must not eat into `fries-large`, nor into a name put in.
  const ids = [...dishNames.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const anyId = new RegExp(`(?<![\\w-])(?:${ids.join('|')})(?![\\w-])`, 'g');
  return message.replace(anyId, (id) => dishNames.get(id) ?? id);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sentence = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);
