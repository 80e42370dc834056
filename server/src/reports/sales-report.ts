import type { DishSales, LineSales, SalesFigures, SalesMonthsReport, SalesReport } from '@maestro/contracts';
import { ORDER_TYPES } from '@maestro/contracts';
import type { Firestore } from 'firebase-admin/firestore';
import { dayRef, monthRef } from './sales-aggregates';
import { datesFrom, monthsEnding } from './sales-calendar';
import { addFigures, addLineSales, figuresOf, minorOf, zeroFigures } from './sales-figures';

// The reports, from the aggregates only: a range of N days reads N day documents, a trend of N
// months N month documents, whatever the number of orders behind them.

type Loose = Record<string, unknown>;
const mapOf = (value: unknown): Loose => (typeof value === 'object' && value !== null ? (value as Loose) : {});

const lineOf = (value: unknown): LineSales => {
  const line = mapOf(value);
  return { quantity: minorOf(line['quantity']), netMinor: minorOf(line['netMinor']), taxMinor: minorOf(line['taxMinor']) };
};

const sold = (line: LineSales) => line.quantity !== 0 || line.netMinor !== 0 || line.taxMinor !== 0;

export async function salesReport(
  db: Firestore,
  query: { currency: string; from: string; to: string },
  timeZone: string,
): Promise<SalesReport> {
  const dates = datesFrom(query.from, query.to);
  const snapshots = await db.getAll(...dates.map((date) => dayRef(db, query.currency, date)));
  return reportOfDays(query, timeZone, snapshots.map((snapshot) => snapshot.data()));
}

/** The report from the range's day documents, one per date (undefined: no sales that day). */
export function reportOfDays(
  query: { currency: string; from: string; to: string },
  timeZone: string,
  days: readonly unknown[],
): SalesReport {
  const dates = datesFrom(query.from, query.to);
  const totals = zeroFigures();
  const hours = Array.from({ length: 24 }, zeroFigures);
  const types = new Map<string, SalesFigures>(ORDER_TYPES.map((type) => [type, zeroFigures()]));
  const dishes = new Map<string, DishSales>();
  const stations = new Map<string, LineSales>();
  const byDay = dates.map((date, index) => {
    const day = mapOf(days[index]);
    const figures = figuresOf(day['totals']);
    addFigures(totals, figures);
    for (const [hour, slice] of Object.entries(mapOf(day['hours']))) {
      const into = hours[Number(hour)];
      if (into) addFigures(into, figuresOf(slice));
    }
    for (const [type, slice] of Object.entries(mapOf(day['types']))) {
      if (!types.has(type)) types.set(type, zeroFigures());
      addFigures(types.get(type)!, figuresOf(slice));
    }
    for (const [menuItemId, value] of Object.entries(mapOf(day['dishes']))) {
      const entry = mapOf(value);
      const dish = dishes.get(menuItemId) ?? { menuItemId, name: menuItemId, station: 'unknown', quantity: 0, netMinor: 0, taxMinor: 0 };
      addLineSales(dish, lineOf(entry));
      // Days come oldest first: the latest day's name and station win.
      if (typeof entry['name'] === 'string') dish.name = entry['name'];
      if (typeof entry['station'] === 'string') dish.station = entry['station'];
      dishes.set(menuItemId, dish);
    }
    for (const [station, value] of Object.entries(mapOf(day['stations']))) {
      const into = stations.get(station) ?? { quantity: 0, netMinor: 0, taxMinor: 0 };
      stations.set(station, addLineSales(into, lineOf(value)));
    }
    return { date, ...figures };
  });
  return {
    currency: query.currency,
    from: query.from,
    to: query.to,
    timeZone,
    totals,
    byDay,
    byHour: hours.map((figures, hour) => ({ hour, ...figures })),
    byDish: [...dishes.values()]
      .filter(sold)
      .sort((a, b) => b.netMinor - a.netMinor || a.name.localeCompare(b.name)),
    byStation: [...stations.entries()]
      .map(([station, line]) => ({ station, ...line }))
      .filter(sold)
      .sort((a, b) => b.netMinor - a.netMinor || a.station.localeCompare(b.station)),
    byType: [...types.entries()].map(([type, figures]) => ({ type, ...figures })),
  };
}

export async function salesMonthsReport(
  db: Firestore,
  query: { currency: string; to: string; months: number },
  timeZone: string,
): Promise<SalesMonthsReport> {
  const months = monthsEnding(query.to, query.months);
  const snapshots = await db.getAll(...months.map((month) => monthRef(db, query.currency, month)));
  return {
    currency: query.currency,
    timeZone,
    months: snapshots.map((snapshot, index) => ({
      month: months[index]!,
      ...figuresOf(mapOf(snapshot.data())['totals']),
    })),
  };
}
