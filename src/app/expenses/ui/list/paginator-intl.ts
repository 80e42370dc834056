import { Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';

const COUNT = new Intl.NumberFormat();

/** "1–50 of 10,000": the range with an en dash and the total with thousands separators. */
@Injectable()
export class ExpensesPaginatorIntl extends MatPaginatorIntl {
  override itemsPerPageLabel = 'Per page';

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0) return '0 of 0';
    const start = page * pageSize;
    const end = Math.min(start + pageSize, length);
    return `${COUNT.format(start + 1)}–${COUNT.format(end)} of ${COUNT.format(length)}`;
  };
}
