import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { ImportCategory } from '../../model/csv-import-lookups';
import type { PayeeCategory } from '../../model/import-payee-categories';

const PAGE_SIZE = 20;

/**
 * The review's "Categories by payee": every payee of the rows the file gives no category, with the
 * category they get and why (your choice, an import rule, the default). A choice applies at once
 * and is remembered as an import rule once the import succeeds.
 */
@Component({
  selector: 'app-import-payee-categories',
  imports: [MatIconModule, MatPaginatorModule, MatSelectModule, RouterLink],
  templateUrl: './payee-categories.html',
  styleUrl: './payee-categories.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PayeeCategories {
  readonly payees = input.required<readonly PayeeCategory[]>();
  readonly categories = input.required<readonly ImportCategory[]>();
  readonly choose = output<{ payeeKey: string; categoryId: string }>();

  protected readonly page = signal(0);
  protected readonly pageSize = PAGE_SIZE;
  /** Payees still without a category first, then by how many rows they cover. */
  protected readonly sorted = computed(() =>
    [...this.payees()].sort((a, b) => Number(a.category !== null) - Number(b.category !== null) || b.rows - a.rows),
  );
  protected readonly shown = computed(() => this.sorted().slice(this.page() * PAGE_SIZE, (this.page() + 1) * PAGE_SIZE));
  protected readonly missing = computed(() => this.payees().filter((p) => !p.category).length);
  protected readonly fromRules = computed(() => this.payees().filter((p) => p.source.kind === 'rule').length);
  protected readonly n = (x: number) => x.toLocaleString('en-US');

  protected onPage(event: PageEvent): void {
    this.page.set(event.pageIndex);
  }
}
