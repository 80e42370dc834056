import type { SalesDayDoc, SalesMonthDoc, StoredOrder } from './sales-aggregates';
import { dayId, monthId } from './sales-aggregates';
import { salesSlotOf } from './sales-calendar';
import { addFigures, addLineSales, salesFiguresOfOrder, zeroFigures } from './sales-figures';

/**
 * Day and month documents counted in memory from orders: what the rebuild job writes, and what
 * a recount (tests, the bench's full scan) compares the aggregates with. Same rule, same shape.
 */
export interface SalesTally {
  days: Map<string, SalesDayDoc>;
  months: Map<string, SalesMonthDoc>;
}

export const emptyTally = (): SalesTally => ({ days: new Map(), months: new Map() });

export function tallyOrder(tally: SalesTally, order: StoredOrder, timeZone: string): void {
  const sale = salesFiguresOfOrder(order);
  if (!sale) return;
  const { currency } = order;
  const { date, month, hour } = salesSlotOf(order.createdAt.toDate(), timeZone);
  let day = tally.days.get(dayId(currency, date));
  if (!day) {
    day = { currency, date, month, timeZone, totals: zeroFigures(), hours: {}, types: {}, dishes: {}, stations: {} };
    tally.days.set(dayId(currency, date), day);
  }
  addFigures(day.totals, sale.figures);
  addFigures((day.hours[String(hour)] ??= zeroFigures()), sale.figures);
  addFigures((day.types[order.type] ??= zeroFigures()), sale.figures);
  for (const [id, dish] of Object.entries(sale.dishes)) {
    const into = (day.dishes[id] ??= { name: dish.name, station: dish.station, quantity: 0, netMinor: 0, taxMinor: 0 });
    addLineSales(into, dish);
    // The latest name wins, as with the aggregates (orders come oldest first).
    into.name = dish.name;
    into.station = dish.station;
  }
  for (const [station, line] of Object.entries(sale.stations))
    addLineSales((day.stations[station] ??= { quantity: 0, netMinor: 0, taxMinor: 0 }), line);
  let monthDoc = tally.months.get(monthId(currency, month));
  if (!monthDoc) {
    monthDoc = { currency, month, timeZone, totals: zeroFigures() };
    tally.months.set(monthId(currency, month), monthDoc);
  }
  addFigures(monthDoc.totals, sale.figures);
}
