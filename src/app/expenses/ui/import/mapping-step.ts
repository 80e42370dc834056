import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import type { Account } from '../../data/accounts-repository';
import type { CategoryOption } from '../../data/categories-repository';
import { DATE_FORMATS, DECIMAL_FORMATS } from '../../model/csv-import-formats';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from '../../model/csv-import-mapping';
import type { CsvTable } from '../../model/csv-import-parse';
import type { ConvertedRow } from '../../model/csv-import-rows';
import { formatMoney } from '../../../shared/money';
import type { ImportFlow } from './import-flow';

const HINTS: Partial<Record<ImportField, string>> = {
  currency: 'Optional: the account’s currency when empty',
  category: 'A path like “Ingredients › Produce”, or a name',
  tags: 'Separated by “;”',
};

/** Step 2: which column is which field, the formats, and the first rows as they will be imported. */
@Component({
  selector: 'app-import-mapping-step',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, MatIconModule],
  templateUrl: './mapping-step.html',
  styleUrl: './mapping-step.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MappingStep {
  readonly form = input.required<ImportFlow['mappingForm']>();
  readonly table = input.required<CsvTable>();
  readonly accounts = input.required<readonly Account[]>();
  readonly categories = input.required<readonly CategoryOption[]>();
  readonly preview = input.required<readonly ConvertedRow[]>();

  protected readonly fields = IMPORT_FIELDS;
  protected readonly labels = FIELD_LABELS;
  protected readonly hints = HINTS;
  protected readonly dateFormats = DATE_FORMATS;
  protected readonly decimalFormats = DECIMAL_FORMATS;

  /** Each column with its first value, so a header like "Col 3" still says what it holds. */
  protected readonly columnOptions = computed(() => {
    const table = this.table();
    return table.columns.map((title, index) => {
      const sample = table.rows.find((row) => row.cells[index])?.cells[index] ?? '';
      return { index, label: sample ? `${title} (e.g. ${sample.length > 24 ? sample.slice(0, 24) + '…' : sample})` : title };
    });
  });

  protected noneLabel(field: ImportField): string {
    if (field === 'account') return 'Not in the file: one account for every row';
    if (field === 'category') return 'Not in the file: one category for every row';
    return field === 'date' || field === 'amount' ? 'Choose a column' : 'Not in the file';
  }

  protected amount(row: ConvertedRow): string {
    const { amountMinor, currency } = row.read;
    return amountMinor !== null && currency ? formatMoney(amountMinor, currency) : '—';
  }
}
