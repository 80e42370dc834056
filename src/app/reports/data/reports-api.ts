import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MenuItemListResponse, SalesMonthsReport, SalesOrdersPage, SalesReport } from '@maestro/contracts';
import { firstValueFrom } from 'rxjs';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { SILENT_API_ERRORS } from '../../core/http/api-interceptors';
import { orderListParams, type OrderListQuery } from '../model/order-list-query';

/**
 * The API's sales reports (admins only; read from aggregates the API keeps as orders finish).
 * Refusals reach the caller as an ApiRequestError already in words (core/http/api-error-words.ts);
 * the pages show them in place, so no snackbar as well.
 */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_ENVIRONMENT).apiUrl}/api`;
  private readonly context = new HttpContext().set(SILENT_API_ERRORS, true);

  sales(currency: string, from: string, to: string): Promise<SalesReport> {
    const params = new HttpParams({ fromObject: { currency, from, to } });
    return firstValueFrom(this.http.get<SalesReport>(`${this.base}/reports/sales`, { params, context: this.context }));
  }

  /** `months` months ending with `to` (YYYY-MM), oldest first. */
  salesMonths(currency: string, to: string, months: number): Promise<SalesMonthsReport> {
    const params = new HttpParams({ fromObject: { currency, to, months } });
    return firstValueFrom(this.http.get<SalesMonthsReport>(`${this.base}/reports/sales-months`, { params, context: this.context }));
  }

  /** A page of the finished orders behind a figure; `cursor` is the last page's `nextCursor`. */
  orders(query: OrderListQuery, cursor: string | null): Promise<SalesOrdersPage> {
    const params = new HttpParams({
      fromObject: { ...orderListParams(query, { outcome: query.outcome, slice: query.slice ?? undefined }), ...(cursor ? { cursor } : {}) },
    });
    return firstValueFrom(this.http.get<SalesOrdersPage>(`${this.base}/reports/orders`, { params, context: this.context }));
  }

  /** A dish's name on the menu now, or null (archived, or never there). */
  async dishName(menuItemId: string): Promise<string | null> {
    return (await this.menuItems()).find((item) => item.id === menuItemId)?.name ?? null;
  }

  private async menuItems() {
    return (await firstValueFrom(this.http.get<MenuItemListResponse>(`${this.base}/menu-items`, { context: this.context }))).menuItems;
  }

  /**
   * The currencies the business sells in, sorted. No endpoint lists the currencies of past orders,
   * so they come from the menu's prices: a currency only old orders used is reached through the URL.
   */
  async currencies(): Promise<string[]> {
    const menuItems = await this.menuItems();
    return [...new Set(menuItems.map((item) => item.currency).filter((code) => /^[A-Z]{3}$/.test(code)))].sort();
  }
}
