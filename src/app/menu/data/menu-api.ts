import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MenuChange, MenuChangeResult, MenuCategory, MenuItem, MenuResponse, ServiceCharge } from '@maestro/contracts';
import { firstValueFrom } from 'rxjs';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { SILENT_API_ERRORS } from '../../core/http/api-interceptors';

/** The menu page says every refusal itself (in the dialog or a snackbar of its own): no second message. */
const SHOWN_BY_CALLER = () => new HttpContext().set(SILENT_API_ERRORS, true);

/** `/api/menu`: the API owns the menu; failures reject with an ApiRequestError worded for people. */
@Injectable({ providedIn: 'root' })
export class MenuApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_ENVIRONMENT).apiUrl}/api/menu`;

  load(): Promise<MenuResponse> {
    return firstValueFrom(this.http.get<MenuResponse>(this.base, { context: SHOWN_BY_CALLER() }));
  }

  /** Sends one change to its route and answers with what the API wrote. */
  async apply(change: MenuChange): Promise<MenuChangeResult> {
    const context = SHOWN_BY_CALLER();
    const item = (request: Promise<MenuItem>) => request.then((menuItem): MenuChangeResult => ({ kind: 'item', menuItem }));
    const category = (request: Promise<MenuCategory>) => request.then((c): MenuChangeResult => ({ kind: 'category', category: c }));
    switch (change.kind) {
      case 'createItem':
        return item(firstValueFrom(this.http.post<MenuItem>(`${this.base}/items`, change.draft, { context })));
      case 'updateItem':
        return item(firstValueFrom(this.http.put<MenuItem>(this.itemUrl(change.menuItemId), change.patch, { context })));
      case 'adjustStock':
        return item(firstValueFrom(this.http.post<MenuItem>(`${this.itemUrl(change.menuItemId)}/stock`, change.adjustment, { context })));
      case 'createCategory':
        return category(firstValueFrom(this.http.post<MenuCategory>(`${this.base}/categories`, change.draft, { context })));
      case 'updateCategory':
        return category(
          firstValueFrom(this.http.put<MenuCategory>(`${this.base}/categories/${encodeURIComponent(change.categoryId)}`, change.patch, { context })),
        );
      case 'reorderCategories': {
        const categories = await firstValueFrom(this.http.put<MenuCategory[]>(`${this.base}/category-order`, { categoryIds: change.categoryIds }, { context }));
        return { kind: 'categories', categories };
      }
      case 'setServiceCharge': {
        const serviceCharge = await firstValueFrom(this.http.put<ServiceCharge>(`${this.base}/service-charge`, change.request, { context }));
        return { kind: 'serviceCharge', serviceCharge };
      }
    }
  }

  private itemUrl(id: string): string {
    return `${this.base}/items/${encodeURIComponent(id)}`;
  }
}
