import type { SalesFigures, SalesReport } from '@maestro/contracts';
import { formatCalendarDate } from '../../shared/dates';
import type { ChartSpec } from '../../shared/ui/chart/chart-config';
import { orderListParams } from './order-list-query';
import { hourWords, orderTypeWords, stationWords } from './report-words';

// The sales report shaped for its tables and charts, pure. Charts show net sales; the tables
// under them carry every figure.

/** Dishes drawn in the chart; the table lists them all. */
export const CHART_DISHES = 12;

/** Nothing happened in the range: no sale, no cancel, no failure. */
export function isEmptyReport(report: Pick<SalesReport, 'totals'>): boolean {
  const t = report.totals;
  return t.orders === 0 && t.cancelledOrders === 0 && t.failedOrders === 0;
}

export interface DayRow {
  key: string;
  label: string;
  /** The report of that one day; none when the report is that day already. */
  link?: { path: string; query: Record<string, string> };
  /** The list of the orders behind the row's figures (order-list-query.ts); none for an hour. */
  orders?: Record<string, string>;
  figures: SalesFigures;
}

/** The orders behind the report's totals: its range and currency, no slice. */
export const reportOrders = (report: Pick<SalesReport, 'from' | 'to' | 'currency'>) => orderListParams(report);

export function dayRows(report: SalesReport): DayRow[] {
  return report.byDay.map((day) => ({
    key: day.date,
    label: formatCalendarDate(day.date),
    link: report.from === report.to ? undefined : { path: '/reports/sales', query: { from: day.date, to: day.date, currency: report.currency } },
    orders: orderListParams({ from: day.date, to: day.date, currency: report.currency }),
    figures: day,
  }));
}

export function hourRows(report: SalesReport): DayRow[] {
  // No list behind an hour of day: it spans every day of the range, which no index can ask.
  return report.byHour.map((hour) => ({ key: String(hour.hour), label: hourWords(hour.hour), figures: hour }));
}

export function typeRows(report: SalesReport): DayRow[] {
  return report.byType.map((type) => ({
    key: type.type,
    label: orderTypeWords(type.type),
    orders: orderListParams(report, { slice: { kind: 'type', value: type.type } }),
    figures: type,
  }));
}

export function dishRows(report: SalesReport) {
  return report.byDish.map((dish) => ({
    key: dish.menuItemId,
    label: dish.name,
    station: stationWords(dish.station),
    quantity: dish.quantity,
    netMinor: dish.netMinor,
    taxMinor: dish.taxMinor,
    orders: orderListParams(report, { slice: { kind: 'dish', value: dish.menuItemId } }),
  }));
}

export function stationRows(report: SalesReport) {
  return report.byStation.map((station) => ({
    key: station.station,
    label: stationWords(station.station),
    quantity: station.quantity,
    netMinor: station.netMinor,
    taxMinor: station.taxMinor,
    orders: orderListParams(report, { slice: { kind: 'station', value: station.station } }),
  }));
}

function netBars(labels: string[], valuesMinor: number[], currency: string): ChartSpec {
  return { kind: 'bar', labels, series: [{ currency, valuesMinor, label: 'Net sales' }] };
}

export function salesCharts(report: SalesReport): Record<'day' | 'hour' | 'dish' | 'station' | 'type', ChartSpec> {
  const { currency } = report;
  const short = (date: string) => formatCalendarDate(date).replace(/ \d{4}$/, '');
  const dishes = report.byDish.slice(0, CHART_DISHES);
  return {
    day: netBars(report.byDay.map((d) => short(d.date)), report.byDay.map((d) => d.netMinor), currency),
    hour: netBars(report.byHour.map((h) => String(h.hour).padStart(2, '0')), report.byHour.map((h) => h.netMinor), currency),
    dish: netBars(dishes.map((d) => d.name), dishes.map((d) => d.netMinor), currency),
    station: netBars(report.byStation.map((s) => stationWords(s.station)), report.byStation.map((s) => s.netMinor), currency),
    type: netBars(report.byType.map((t) => orderTypeWords(t.type)), report.byType.map((t) => t.netMinor), currency),
  };
}
