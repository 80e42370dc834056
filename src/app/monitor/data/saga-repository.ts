import { Injectable, InjectionToken, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { clipText } from '../../shared/clip-text';
import { watchDocument, watchQuery } from '../../core/firebase/watch-query';
import type { SagaEvent, SagaView } from '../model/saga';
import { sagaFromDoc, type RawSagaDoc } from '../model/saga-from-doc';
import { statusChangeWords } from '../model/saga-event-words';

/** The saga records the API writes (`sagas/{orderId}`); admins only may read them. */
export interface SagaRepository {
  /** Live: the order's saga, null while it has none. */
  watch(orderId: string): Observable<SagaView | null>;
  /** The order a correlation id belongs to: from its saga, else from its activity entries. */
  orderIdForCorrelation(correlationId: string): Promise<string | null>;
  /** Live: the activity entries of the correlation id, oldest first (at most EVENTS_LIMIT). */
  events(correlationId: string): Observable<SagaEvent[]>;
}

export const EVENTS_LIMIT = 100;

/** An activity entry as stored: written by hand or by older code, any field may be missing or odd. */
interface RawActivity {
  action?: unknown;
  actorUid?: unknown;
  actorEmail?: unknown;
  at?: unknown;
  changes?: unknown;
}

@Injectable({ providedIn: 'root' })
export class FirestoreSagaRepository implements SagaRepository {
  private readonly loader = inject(FirestoreLoader);

  watch(orderId: string): Observable<SagaView | null> {
    return watchDocument<RawSagaDoc>(this.loader, `sagas/${orderId}`).pipe(map((doc) => (doc ? sagaFromDoc(doc.id, doc) : null)));
  }

  async orderIdForCorrelation(correlationId: string): Promise<string | null> {
    const id = correlationId.trim();
    if (!id) return null;
    const [fs, db] = await Promise.all([import('firebase/firestore'), this.loader.firestore()]);
    const sagas = await fs.getDocs(fs.query(fs.collection(db, 'sagas'), fs.where('correlationId', '==', id), fs.limit(1)));
    if (!sagas.empty) return sagas.docs[0].id;
    // A saga doc written before it stored its correlation id: the order's activity entries still name it.
    const entries = await fs.getDocs(
      fs.query(fs.collection(db, 'activity'), fs.where('correlationId', '==', id), fs.where('subject.type', '==', 'order'), fs.limit(1)),
    );
    const orderId = (entries.docs[0]?.data() as { subject?: { id?: unknown } } | undefined)?.subject?.id;
    return typeof orderId === 'string' && orderId ? orderId : null;
  }

  events(correlationId: string): Observable<SagaEvent[]> {
    // Newest first uses the (correlationId, at desc) index the activity log already has.
    return watchQuery<RawActivity>(this.loader, (fs, db) =>
      fs.query(fs.collection(db, 'activity'), fs.where('correlationId', '==', correlationId), fs.orderBy('at', 'desc'), fs.limit(EVENTS_LIMIT)),
    ).pipe(map(toSagaEvents));
  }
}

/** Newest-first entries in the saga's order; an odd field reads "unknown" (a time: none). */
export function toSagaEvents(entries: (RawActivity & { id: string })[]): SagaEvent[] {
  return entries
    .map((e) => ({
      id: e.id,
      action: text(e.action) ?? 'unknown',
      actor: text(e.actorEmail) ?? text(e.actorUid) ?? 'unknown',
      at: timeOf(e.at),
      statusChange: statusChangeWords(e.changes),
    }))
    .reverse();
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? clipText(value, 200) : null;
}

function timeOf(value: unknown): Date | null {
  const toDate = (value as { toDate?: unknown } | null | undefined)?.toDate;
  return typeof toDate === 'function' ? (toDate.call(value) as Date) : null;
}

export const SAGA_REPOSITORY = new InjectionToken<SagaRepository>('SAGA_REPOSITORY', {
  providedIn: 'root',
  factory: () => inject(FirestoreSagaRepository),
});
