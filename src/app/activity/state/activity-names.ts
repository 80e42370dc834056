import { Injectable, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { filter, firstValueFrom, map, shareReplay } from 'rxjs';
import { ACTIVITY_NAMES_REPOSITORY } from '../data/activity-names-repository';
import type { ActivityRow } from '../model/activity-entry';
import type { MemberName, NameBook } from '../model/activity-names';

/**
 * The names the page shows instead of ids. Accounts, categories and members are watched; an
 * expense's currency is fetched only for entries whose amount change does not say it.
 */
@Injectable()
export class ActivityNames {
  private readonly repository = inject(ACTIVITY_NAMES_REPOSITORY);
  private readonly lists$ = this.repository.watchLists().pipe(shareReplay({ bufferSize: 1, refCount: true }));
  private readonly lists = toSignal(this.lists$, { initialValue: { accounts: undefined, categories: undefined, members: undefined } });
  private readonly expenseCurrencies = signal<ReadonlyMap<string, string>>(new Map());
  private readonly asked = new Set<string>();

  readonly book = computed<NameBook>(() => ({ ...this.lists(), expenseCurrencies: this.expenseCurrencies() }));

  /** The members once their list is read (null when it cannot be): the actor filter matches names. */
  members(): Promise<ReadonlyMap<string, MemberName> | null> {
    return firstValueFrom(
      this.lists$.pipe(
        map((lists) => lists.members),
        filter((members) => members !== undefined),
      ),
    ).then((members) => members ?? null);
  }

  /** Fetches the currency of the expenses these entries change an amount of without naming it. */
  need(entries: readonly ActivityRow[]): void {
    const ids = entries
      .filter((entry) => entry.subject?.type === 'expense' && !this.asked.has(entry.subject.id))
      .filter((entry) => Object.keys(entry.changes ?? {}).some((key) => key.endsWith('Minor')) && !entry.changes?.['currency'] && !entry.changes?.['accountId'])
      .map((entry) => entry.subject!.id);
    if (!ids.length) return;
    ids.forEach((id) => this.asked.add(id));
    void this.repository.expenseCurrencies(ids).then(
      (found) => this.expenseCurrencies.update((known) => new Map([...known, ...found])),
      () => undefined, // no currency: the amount shows in minor units, saying so
    );
  }
}
