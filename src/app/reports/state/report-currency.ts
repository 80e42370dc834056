import { computed, effect, inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { startWith, type Observable } from 'rxjs';
import { ReportsApi } from '../data/reports-api';
import type { ReportQuery } from '../model/report-range';
import { loadEach, type Loadable } from './loadable';

/**
 * The currency a sales page shows, for the sales report and the orders behind it: the currencies
 * the menu is priced in (read again on `retry$`), the URL's currency or else the first of them. A
 * URL without a range or currency gets them written in (replacing its history entry), so the URL
 * always says what is shown. Call in an injection context.
 */
export function reportCurrency(params: Signal<Record<string, string | null>>, query: Signal<ReportQuery>, retry$: Observable<unknown>) {
  const api = inject(ReportsApi);
  const router = inject(Router);
  const currencies = toSignal(
    loadEach(retry$.pipe(startWith<unknown>(true)), () => api.currencies(), 'The currencies could not be read from the menu.'),
    { initialValue: { state: 'loading' } as Loadable<string[]> },
  );
  const list = computed(() => {
    const loaded = currencies();
    return loaded.state === 'ready' ? loaded.value : [];
  });
  const currency = computed(() => query().currency || (list()[0] ?? ''));
  effect(() => {
    const given = params();
    const chosen = currency();
    if (given['from'] && given['to'] && given['currency']) return;
    if (!chosen && currencies().state === 'loading') return;
    const { from, to } = query();
    void router.navigate([], { queryParams: { from, to, currency: chosen || null }, queryParamsHandling: 'merge', replaceUrl: true });
  });
  return { currencies, list, currency };
}
