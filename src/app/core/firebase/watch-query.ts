import type { DocumentData, Firestore, Query } from 'firebase/firestore';
import { Observable } from 'rxjs';
import type { FirestoreLoader } from './firestore-loader';

type FirestoreModule = typeof import('firebase/firestore');

/** A document with its id, as the screens use it. */
export type WithId<T> = T & { id: string };

/**
 * A live query as an Observable: emits the documents on every change, errors on a refused or
 * failed listen, and stops listening on unsubscribe (even before the SDK finished loading).
 */
export function watchQuery<T>(
  loader: FirestoreLoader,
  build: (fs: FirestoreModule, db: Firestore) => Query<DocumentData>,
): Observable<WithId<T>[]> {
  return new Observable<WithId<T>[]>((subscriber) => {
    let stop: (() => void) | undefined;
    let closed = false;
    void Promise.all([loader.firestore(), import('firebase/firestore')]).then(
      ([db, fs]) => {
        if (closed) return;
        stop = fs.onSnapshot(
          build(fs, db),
          (snapshot) => subscriber.next(snapshot.docs.map((d) => ({ ...(d.data() as T), id: d.id }))),
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

/** One live document (undefined while it does not exist). */
export function watchDocument<T>(
  loader: FirestoreLoader,
  path: string,
  options: { confirmedOnly?: boolean } = {},
): Observable<WithId<T> | undefined> {
  return new Observable<WithId<T> | undefined>((subscriber) => {
    let stop: (() => void) | undefined;
    let closed = false;
    void Promise.all([loader.firestore(), import('firebase/firestore')]).then(
      ([db, fs]) => {
        if (closed) return;
        // confirmedOnly: skip this browser's own write until the server has it, so a read that
        // follows the change (an aggregate from the server) sees it too.
        stop = fs.onSnapshot(
          fs.doc(db, path),
          { includeMetadataChanges: options.confirmedOnly === true },
          (snapshot) => {
            if (options.confirmedOnly && snapshot.metadata.hasPendingWrites) return;
            subscriber.next(snapshot.exists() ? { ...(snapshot.data() as T), id: snapshot.id } : undefined);
          },
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
