import { Injectable, inject } from '@angular/core';
import { Observable, defer, from, switchMap } from 'rxjs';
import { FirestoreLoader } from '../firebase/firestore-loader';
import type { BatchOperation } from './batch-operation';
import type { BatchOptions, BatchProgress, BatchResult, BatchWrite } from './batch-write';

/**
 * The app's way to write many documents as one unit (see `BatchOperation` for the guarantees).
 * Orchestrators start with the app, so this file must stay light: the core and the Firestore SDK
 * are loaded on the first call, never at start-up.
 */
@Injectable({ providedIn: 'root' })
export class BatchOperationService {
  private readonly loader = inject(FirestoreLoader);
  private core?: Promise<BatchOperation>;

  /** Progress until every chunk is committed; errors with `BatchOperationError`. Unsubscribe cancels. */
  execute(writes: readonly BatchWrite[], options?: BatchOptions): Observable<BatchProgress> {
    return defer(() => from(this.operation())).pipe(
      switchMap((core) => core.execute(writes, options)),
    );
  }

  /** The outcome only: resolves with the result, rejects with `BatchOperationError`. */
  async commit(
    writes: readonly BatchWrite[],
    options?: BatchOptions & { readonly onProgress?: (progress: BatchProgress) => void },
  ): Promise<BatchResult> {
    return (await this.operation()).commit(writes, options);
  }

  /** Resolves when no batch runs, including rollbacks of cancelled ones (e.g. before sign-out). */
  async idle(): Promise<void> {
    if (this.core) await (await this.core).idle();
  }

  private operation(): Promise<BatchOperation> {
    this.core ??= Promise.all([import('./batch-operation'), this.loader.firestore()]).then(
      ([{ BatchOperation }, db]) => new BatchOperation(db),
      (error: unknown) => {
        this.core = undefined; // try again on the next call
        throw error;
      },
    );
    return this.core;
  }
}
