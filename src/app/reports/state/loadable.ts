import { catchError, from, map, of, startWith, switchMap, type Observable } from 'rxjs';
import { ApiRequestError } from '../../core/http/api-error-message';

/** A figure read from the server: nothing asked yet, loading, ready, or failed with words to show. */
export type Loadable<T> = { state: 'idle' } | { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

/**
 * Reads `load(input)` for every input (a newer input drops the read in flight), as a Loadable;
 * `null` asks nothing (a range still being fixed). A failed read is an error state, and the
 * stream lives on for the next input.
 */
export function loadEach<I, T>(input$: Observable<I | null>, load: (input: I) => Promise<T>, failed: string): Observable<Loadable<T>> {
  return input$.pipe(
    switchMap((input) =>
      input === null
        ? of<Loadable<T>>({ state: 'idle' })
        : from(load(input)).pipe(
            map((value): Loadable<T> => ({ state: 'ready', value })),
            catchError((error: unknown) => of<Loadable<T>>({ state: 'error', message: failureWords(error, failed) })),
            startWith<Loadable<T>>({ state: 'loading' }),
          ),
    ),
  );
}

/** An API refusal is already in words (api-error-words.ts); anything else gets the page's sentence. */
export function failureWords(error: unknown, failed: string): string {
  return error instanceof ApiRequestError ? error.message : failed;
}
