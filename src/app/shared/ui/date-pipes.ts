import { Pipe, type PipeTransform } from '@angular/core';
import { formatCalendarDate, formatDateTime } from '../dates';

/** `{{ at | dateTime }}` → "1 Mar 2026, 14:05:09"; `{{ at | dateTime: false }}` leaves out the seconds. */
@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: Date | string | number | null | undefined, seconds = true): string {
    return value === null || value === undefined || value === '' ? '' : formatDateTime(value, { seconds });
  }
}

/** `{{ '2026-03-01' | calendarDate }}` → "1 Mar 2026". */
@Pipe({ name: 'calendarDate' })
export class CalendarDatePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return value ? formatCalendarDate(value) : '';
  }
}
