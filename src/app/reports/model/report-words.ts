import { ORDER_TYPES, type OrderType } from '@maestro/contracts';

// Names the report shows for what the API sends as codes. An unknown code (a type or station the
// app does not know yet) is shown as sent rather than dropped.

const TYPE_WORDS: Record<OrderType, string> = { 'dine-in': 'Dine-in', takeaway: 'Takeaway', delivery: 'Delivery' };

export function orderTypeWords(type: string): string {
  return (ORDER_TYPES as readonly string[]).includes(type) ? TYPE_WORDS[type as OrderType] : type;
}

export function stationWords(station: string): string {
  return station ? station[0]!.toUpperCase() + station.slice(1) : 'No station';
}

/** "14:00–15:00", the hour of the day an order was placed in. */
export function hourWords(hour: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(hour)}:00–${pad((hour + 1) % 24)}:00`;
}
