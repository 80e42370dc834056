import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { watchQuery } from '../../core/firebase/watch-query';
import type { LiveStock } from '../model/menu-model';

/**
 * Every dish's stock as Firestore holds it now, live. Orders reserve and give back stock through
 * the API without a menu event (it would be one per order to every screen), so /menu reads it here
 * while it is shown: members may read `menuItems`; the API stays its only writer.
 */
@Injectable({ providedIn: 'root' })
export class MenuStock {
  private readonly loader = inject(FirestoreLoader);

  watch(): Observable<ReadonlyMap<string, LiveStock>> {
    const dishes$ = watchQuery<{ stock?: unknown; version?: unknown }>(this.loader, (fs, db) => fs.collection(db, 'menuItems'));
    return dishes$.pipe(map((dishes) => new Map(dishes.flatMap((dish) => liveStockOf(dish)))));
  }
}

/** A dish document's stock and version; nothing for a document without a whole-number stock. */
function liveStockOf(dish: { id: string; stock?: unknown; version?: unknown }): [string, LiveStock][] {
  if (!Number.isSafeInteger(dish.stock)) return [];
  return [[dish.id, { stock: dish.stock as number, version: Number.isSafeInteger(dish.version) ? (dish.version as number) : 0 }]];
}
