import type { DishSales, LineSales, SalesFigures, SalesReport } from '@maestro/contracts';
import { unparse } from 'papaparse';
import { escapeCsvText } from '../../shared/csv-formula-escape';
import { plainAmount } from '../../shared/money';
import { hourWords, orderTypeWords, stationWords } from './report-words';

// The sales report's tables as CSV files, one per table. Amounts are plain decimals of the
// report's currency (12.50, never "$12.50"); names people typed (dishes) are formula-escaped,
// so a dish called =HYPERLINK(…) cannot run in a spreadsheet (shared/csv-formula-escape.ts).

export type SalesTable = 'day' | 'hour' | 'dish' | 'station' | 'type';

const FIGURE_COLUMNS = ['orders', 'gross', 'tax', 'service', 'net', 'cancelled orders', 'cancelled amount', 'failed orders', 'failed amount'];
const LINE_COLUMNS = ['quantity', 'net', 'tax'];

function figureCells(f: SalesFigures, currency: string): string[] {
  const money = (minor: number) => plainAmount(minor, currency);
  return [String(f.orders), money(f.grossMinor), money(f.taxMinor), money(f.serviceMinor), money(f.netMinor), String(f.cancelledOrders), money(f.cancelledMinor), String(f.failedOrders), money(f.failedMinor)];
}

function lineCells(line: LineSales, currency: string): string[] {
  return [String(line.quantity), plainAmount(line.netMinor, currency), plainAmount(line.taxMinor, currency)];
}

/** One table of the report as a file's text: a header, then a row per line (CRLF, RFC 4180). */
export function salesTableCsv(report: SalesReport, table: SalesTable): string {
  const { currency } = report;
  const [fields, data] = ((): [string[], string[][]] => {
    switch (table) {
      case 'day':
        return [['date', ...FIGURE_COLUMNS], report.byDay.map((d) => [d.date, ...figureCells(d, currency)])];
      case 'hour':
        return [['hour', ...FIGURE_COLUMNS], report.byHour.map((h) => [hourWords(h.hour), ...figureCells(h, currency)])];
      case 'type':
        return [['order type', ...FIGURE_COLUMNS], report.byType.map((t) => [escapeCsvText(orderTypeWords(t.type)), ...figureCells(t, currency)])];
      case 'dish':
        return [['dish', 'station', ...LINE_COLUMNS], report.byDish.map((d: DishSales) => [escapeCsvText(d.name), escapeCsvText(stationWords(d.station)), ...lineCells(d, currency)])];
      case 'station':
        return [['station', ...LINE_COLUMNS], report.byStation.map((s) => [escapeCsvText(stationWords(s.station)), ...lineCells(s, currency)])];
    }
  })();
  const csv = unparse({ fields, data }, { header: true, newline: '\r\n' });
  return csv.endsWith('\r\n') ? csv.slice(0, -2) : csv;
}

/** `sales-by-dish-USD-2026-03-01-to-2026-03-31.csv` */
export function salesCsvFileName(report: Pick<SalesReport, 'currency' | 'from' | 'to'>, table: SalesTable): string {
  return `sales-by-${table}-${report.currency}-${report.from}-to-${report.to}.csv`;
}
