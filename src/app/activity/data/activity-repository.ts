import { Injectable, InjectionToken, inject } from '@angular/core';
import type { QueryConstraint, QueryDocumentSnapshot } from 'firebase/firestore';
import { Observable } from 'rxjs';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { toActivityRow, type ActivityRow } from '../model/activity-entry';
import { dayAfter, dayStart, filterProblem, type ActivityFilter } from '../model/activity-filter';
import type { ResolvedFilter } from '../model/activity-filter-match';

type FirestoreModule = typeof import('firebase/firestore');

/** A page boundary; opaque outside the repository. */
export interface ActivityCursor {
  readonly snapshot: unknown;
}

export interface ActivityPage {
  /** Newest first (then by document id, so equal times still page in a fixed order). */
  entries: ActivityRow[];
  /** Null on the last page. */
  next: ActivityCursor | null;
}

/** The activity log's reads: cursor pages newest first, and a live tail of what comes next. */
export interface ActivityRepository {
  page(filter: ResolvedFilter, cursor: ActivityCursor | null, pageSize: number): Promise<ActivityPage>;
  /** Live: the matching entries written at or after `since`, newest first (at most `TAIL_LIMIT`). */
  tail(filter: ResolvedFilter, since: Date): Observable<ActivityRow[]>;
}

export const TAIL_LIMIT = 200;

/** A filter refused before any query: its message is for the user. */
export class ActivityFilterError extends Error {
  readonly code = 'invalid-filter';
}

@Injectable({ providedIn: 'root' })
export class FirestoreActivityRepository implements ActivityRepository {
  private readonly loader = inject(FirestoreLoader);

  async page(filter: ResolvedFilter, cursor: ActivityCursor | null, pageSize: number): Promise<ActivityPage> {
    assertQueryable(filter);
    const [fs, db] = await this.sdk();
    const base = fs.query(fs.collection(db, 'activity'), ...filterConstraints(fs, filter), ...newestFirst(fs));
    // One more than asked: tells whether another page exists without a trailing empty one.
    const position = cursor ? [fs.startAfter(cursor.snapshot as QueryDocumentSnapshot)] : [];
    const snapshot = await fs.getDocs(fs.query(base, ...position, fs.limit(pageSize + 1)));
    const docs = snapshot.docs.slice(0, pageSize);
    return {
      entries: docs.map(toRow),
      next: snapshot.docs.length > pageSize ? { snapshot: docs[docs.length - 1] } : null,
    };
  }

  tail(filter: ResolvedFilter, since: Date): Observable<ActivityRow[]> {
    return new Observable<ActivityRow[]>((subscriber) => {
      let stop: (() => void) | undefined;
      let closed = false;
      try {
        assertQueryable(filter);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      void this.sdk().then(
        ([fs, db]) => {
          if (closed) return;
          // `>=`, not `>`: an entry committed in the same instant as the newest shown still comes;
          // the caller drops the ones it already has.
          const query = fs.query(
            fs.collection(db, 'activity'),
            ...filterConstraints(fs, filter),
            fs.where('at', '>=', fs.Timestamp.fromDate(since)),
            ...newestFirst(fs),
            fs.limit(TAIL_LIMIT),
          );
          stop = fs.onSnapshot(
            query,
            (snapshot) => subscriber.next(snapshot.docs.map(toRow)),
            (error) => subscriber.error(error),
          );
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        closed = true;
        stop?.();
      };
    });
  }

  private sdk(): Promise<[FirestoreModule, Awaited<ReturnType<FirestoreLoader['firestore']>>]> {
    return Promise.all([import('firebase/firestore'), this.loader.firestore()]);
  }
}

export const ACTIVITY_REPOSITORY = new InjectionToken<ActivityRepository>('ACTIVITY_REPOSITORY', {
  providedIn: 'root',
  factory: () => inject(FirestoreActivityRepository),
});

function assertQueryable(filter: ActivityFilter): void {
  const problem = filterProblem(filter);
  if (problem) throw new ActivityFilterError(problem);
}

function toRow(snapshot: QueryDocumentSnapshot): ActivityRow {
  // The writer's own entry shows before the server sets its time: use the estimate meanwhile.
  // Whatever the entry holds, toActivityRow makes it safe to show.
  return toActivityRow(snapshot.id, snapshot.data({ serverTimestamps: 'estimate' }));
}

/**
 * Equality filters, then the range on `at`. Each equality field has an index with `at desc` in
 * `firestore.indexes.json`; Firestore merges those indexes when several equality filters combine.
 */
export function filterConstraints(fs: FirestoreModule, filter: ResolvedFilter): QueryConstraint[] {
  const constraints: QueryConstraint[] = [];
  const actor = filter.actor?.trim();
  if (filter.actorUids?.length) constraints.push(oneOf(fs, 'actorUid', filter.actorUids));
  else if (actor) constraints.push(fs.where(actor.includes('@') ? 'actorEmail' : 'actorUid', '==', actor));
  if (filter.actions?.length) constraints.push(oneOf(fs, 'action', filter.actions));
  else if (filter.action) constraints.push(fs.where('action', '==', filter.action.trim()));
  if (filter.subjectType) constraints.push(fs.where('subject.type', '==', filter.subjectType));
  if (filter.subjectType && filter.subjectId) constraints.push(fs.where('subject.id', '==', filter.subjectId.trim()));
  if (filter.correlationId) constraints.push(fs.where('correlationId', '==', filter.correlationId.trim()));
  if (filter.from) constraints.push(fs.where('at', '>=', fs.Timestamp.fromDate(dayStart(filter.from))));
  if (filter.to) constraints.push(fs.where('at', '<', fs.Timestamp.fromDate(dayAfter(filter.to))));
  return constraints;
}

/** `==` for one value (the indexes' own shape), `in` for several. */
function oneOf(fs: FirestoreModule, field: string, values: readonly string[]): QueryConstraint {
  return values.length === 1 ? fs.where(field, '==', values[0]) : fs.where(field, 'in', [...values]);
}

/** A total order (time, then id), so a cursor never skips or repeats an entry. */
function newestFirst(fs: FirestoreModule): QueryConstraint[] {
  return [fs.orderBy('at', 'desc'), fs.orderBy(fs.documentId(), 'desc')];
}

