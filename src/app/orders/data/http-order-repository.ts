import { HttpClient, HttpContext, HttpParams, HttpRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  FINAL_ORDER_STATUSES,
  IDEMPOTENCY_KEY_HEADER,
  ORDER_STATUSES,
  isFinalOrderStatus,
  ORDER_PAGE_SIZE_MAX,
  type CreateOrderRequest,
  type MenuItem,
  type MenuItemListResponse,
  type Order,
  type OrderHistoryEntry,
  type OrderHistoryResponse,
  type OrderDeletedEvent,
  type OrderItemRemovedEvent,
  type OrderItemRequest,
  type OrderItemResponse,
  type OrderListResponse,
  type OrderStatus,
  type UpdateOrderItemRequest,
  type UpdateOrderRequest,
} from '@maestro/contracts';
import { firstValueFrom } from 'rxjs';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { MenuLive } from '../../core/realtime/menu-live';
import { SILENT_API_ERRORS } from '../../core/http/api-interceptors';
import { FINISHED_KEPT } from '../state/finished-cap';
import type { OrderRepository } from './order-repository';

/** A board shows every order still in play, and of the finished ones only the latest page. */
const ACTIVE_STATUSES = ORDER_STATUSES.filter((status) => !isFinalOrderStatus(status));
/** For calls whose screen shows the error itself (the new-order dialog, the detail page): no snackbar too. */
const SHOWN_BY_CALLER = () => new HttpContext().set(SILENT_API_ERRORS, true);
/** A runaway list (a bug, a flood) stops here instead of paging forever. */
const MAX_PAGES = 200;

/** The query of one page of orders. */
function pageParams(statuses: readonly OrderStatus[], pageSize: number, cursor: string | null): HttpParams {
  const params = new HttpParams().set('status', statuses.join(',')).set('pageSize', pageSize);
  return cursor ? params.set('cursor', cursor) : params;
}

/**
 * The URLs of listBoard's first requests, exactly as HttpClient sends them: the board's and the
 * kitchen's shells send them from their HTML (HeadStart, ShellOrdersLive).
 */
export function boardListUrls(apiUrl: string): string[] {
  const url = `${apiUrl}/api/orders`;
  return [pageParams(ACTIVE_STATUSES, ORDER_PAGE_SIZE_MAX, null), pageParams(FINAL_ORDER_STATUSES, FINISHED_KEPT, null)].map(
    (params) => new HttpRequest('GET', url, null, { params }).urlWithParams,
  );
}

@Injectable()
export class HttpOrderRepository implements OrderRepository {
  private readonly http = inject(HttpClient);
  private readonly menuLive = inject(MenuLive);
  private readonly base = `${inject(APP_ENVIRONMENT).apiUrl}/api`;

  // The first page of each is what boardListUrls names.
  async listBoard(): Promise<Order[]> {
    const [active, finished] = await Promise.all([
      this.listAll(ACTIVE_STATUSES),
      this.page(FINAL_ORDER_STATUSES, FINISHED_KEPT, null),
    ]);
    return [...active, ...finished.orders];
  }

  getDetail(id: string): Promise<Order> {
    return firstValueFrom(this.http.get<Order>(`${this.base}/orders/${encodeURIComponent(id)}`, { context: SHOWN_BY_CALLER() }));
  }

  // The screen that asked says why a move failed (OrderMoveRequests, the kitchen): one message, not two.
  updateStatus(id: string, status: OrderStatus): Promise<Order> {
    return firstValueFrom(this.http.patch<Order>(`${this.base}/orders/${encodeURIComponent(id)}/status`, { status }, { context: SHOWN_BY_CALLER() }));
  }

  create(order: CreateOrderRequest, idempotencyKey: string): Promise<Order> {
    return firstValueFrom(
      this.http.post<Order>(`${this.base}/orders`, order, { headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey }, context: SHOWN_BY_CALLER() }),
    );
  }

  async listMenu(): Promise<MenuItem[]> {
    const body = await firstValueFrom(this.http.get<MenuItemListResponse>(`${this.base}/menu-items`, { context: SHOWN_BY_CALLER() }));
    // The running totals of New order and Add dish need the service charge that comes with it.
    if (body.serviceCharge) this.menuLive.serviceChargeKnown(body.serviceCharge);
    // The category order the menu pickers keep while dishes come and go live.
    if (body.categories) this.menuLive.categoriesKnown(body.categories);
    return body.menuItems;
  }

  async history(id: string): Promise<OrderHistoryEntry[]> {
    const url = `${this.base}/orders/${encodeURIComponent(id)}/history`;
    return (await firstValueFrom(this.http.get<OrderHistoryResponse>(url, { context: SHOWN_BY_CALLER() }))).entries;
  }

  // Edits: the order page says what went wrong in its own words (edit-refusal-words), so no snackbar too.
  updateDetails(id: string, patch: UpdateOrderRequest): Promise<Order> {
    return firstValueFrom(this.http.put<Order>(this.orderUrl(id), patch, { context: SHOWN_BY_CALLER() }));
  }

  addItem(id: string, item: OrderItemRequest): Promise<OrderItemResponse> {
    return firstValueFrom(this.http.post<OrderItemResponse>(`${this.orderUrl(id)}/items`, item, { context: SHOWN_BY_CALLER() }));
  }

  updateItem(id: string, itemId: string, patch: UpdateOrderItemRequest): Promise<OrderItemResponse> {
    return firstValueFrom(this.http.put<OrderItemResponse>(this.itemUrl(id, itemId), patch, { context: SHOWN_BY_CALLER() }));
  }

  removeItem(id: string, itemId: string): Promise<OrderItemRemovedEvent> {
    return firstValueFrom(this.http.delete<OrderItemRemovedEvent>(this.itemUrl(id, itemId), { context: SHOWN_BY_CALLER() }));
  }

  delete(id: string): Promise<OrderDeletedEvent> {
    return firstValueFrom(this.http.delete<OrderDeletedEvent>(this.orderUrl(id), { context: SHOWN_BY_CALLER() }));
  }

  private orderUrl(id: string): string {
    return `${this.base}/orders/${encodeURIComponent(id)}`;
  }

  private itemUrl(id: string, itemId: string): string {
    return `${this.orderUrl(id)}/items/${encodeURIComponent(itemId)}`;
  }

  /** Follows the cursor to the end: a board must hold every order in play, not a page of them. */
  private async listAll(statuses: readonly OrderStatus[]): Promise<Order[]> {
    const orders: Order[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page: OrderListResponse = await this.page(statuses, ORDER_PAGE_SIZE_MAX, cursor);
      orders.push(...page.orders);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return orders;
  }

  private page(statuses: readonly OrderStatus[], pageSize: number, cursor: string | null): Promise<OrderListResponse> {
    return firstValueFrom(this.http.get<OrderListResponse>(`${this.base}/orders`, { params: pageParams(statuses, pageSize, cursor) }));
  }
}
