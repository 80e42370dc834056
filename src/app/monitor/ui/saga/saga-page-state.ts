import { Observable, catchError, from, map, of, startWith, switchMap } from 'rxjs';
import type { SagaRepository } from '../../data/saga-repository';
import type { SagaView } from '../../model/saga';

export type SagaPageState =
  | { kind: 'ask' }
  | { kind: 'loading' }
  | { kind: 'ready'; saga: SagaView }
  | { kind: 'no-saga'; orderId: string }
  | { kind: 'unknown-correlation'; correlationId: string }
  | { kind: 'error'; message: string };

/**
 * What the saga page shows for its URL: the order's saga, live; or the saga a correlation id
 * leads to; or why there is none.
 */
export function sagaPageState(repository: SagaRepository, orderId: string | undefined, correlationId: string | undefined): Observable<SagaPageState> {
  const order = orderId?.trim();
  if (order) return watch(repository, order);
  const correlation = correlationId?.trim();
  if (!correlation) return of({ kind: 'ask' });
  return from(repository.orderIdForCorrelation(correlation)).pipe(
    switchMap((id): Observable<SagaPageState> => (id ? watch(repository, id) : of({ kind: 'unknown-correlation', correlationId: correlation }))),
    startWith<SagaPageState>({ kind: 'loading' }),
    catchError((error: unknown) => of(failed(error))),
  );
}

function watch(repository: SagaRepository, orderId: string): Observable<SagaPageState> {
  return repository.watch(orderId).pipe(
    map((saga): SagaPageState => (saga ? { kind: 'ready', saga } : { kind: 'no-saga', orderId })),
    startWith<SagaPageState>({ kind: 'loading' }),
    catchError((error: unknown) => of(failed(error))),
  );
}

function failed(error: unknown): SagaPageState {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'permission-denied') return { kind: 'error', message: 'Only admins may read sagas. Sign in again if your role changed.' };
  return { kind: 'error', message: `The saga could not be loaded. ${error instanceof Error ? error.message : ''}`.trim() };
}
