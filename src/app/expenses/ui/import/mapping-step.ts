import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import type { Account } from '../../data/accounts-repository';
import type { CategoryOption } from '../../data/categories-repository';
import { DATE_FORMATS, DECIMAL_FORMATS, type DateFormat, type DecimalFormat } from '../../model/csv-import-formats';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from '../../model/csv-import-mapping';
import { DELIMITERS, type CsvTable, type Delimiter } from '../../model/csv-import-parse';
import type { ConvertedRow } from '../../model/csv-import-rows';
import { AMOUNT_SIGNS, AMOUNT_SIGN_LABELS } from '../../model/csv-import-sign';
import { formatMoney } from '../../../shared/money';
import { CalendarDatePipe } from '../../../shared/ui/date-pipes';
import type { ImportFlow } from './import-flow';

const HINTS: Partial<Record<ImportField, string>> = {
  currency: 'Optional: the account’s currency when empty',
  category: 'A path like “Ingredients › Produce”, or a name',
  tags: 'Separated by “;”',
};

const DECIMAL_LABELS: Record<DecimalFormat, string> = {
  '1,234.56': '1,234.56 (decimal point)',
  '1.234,56': '1.234,56 (decimal comma)',
  '1 234,56': '1 234,56 (decimal comma, spaces)',
};

/** Step 2: how the file is written, which column is which field, and the first rows as they will be imported. */
@Component({
  selector: 'app-import-mapping-step',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, MatIconModule, CalendarDatePipe],
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
  /** The file's separator: choosing another reads the file again. */
  readonly delimiter = input<FormControl<Delimiter> | null>(null);
  readonly delimiterProblem = input<string | null>(null);
  /** Date formats that read every date: more than one means day and month could be either way. */
  readonly dateFormatsThatFit = input<readonly DateFormat[]>([]);

  protected readonly fields = IMPORT_FIELDS;
  protected readonly labels = FIELD_LABELS;
  protected readonly hints = HINTS;
  protected readonly dateFormats = DATE_FORMATS;
  protected readonly decimalFormats = DECIMAL_FORMATS;
  protected readonly decimalLabels = DECIMAL_LABELS;
  protected readonly delimiters = DELIMITERS;
  protected readonly signs = AMOUNT_SIGNS;
  protected readonly signLabels = AMOUNT_SIGN_LABELS;

  /** Each column with its first value, so a header like "Col 3" still says what it holds. */
  protected readonly columnOptions = computed(() => {
    const table = this.table();
    return table.columns.map((title, index) => {
      const sample = table.rows.find((row) => row.cells[index])?.cells[index] ?? '';
      return { index, label: sample ? `${title} (e.g. ${sample.length > 24 ? sample.slice(0, 24) + '…' : sample})` : title };
    });
  });

  /** "Day and month": said only when both orders read every date of the file. */
  protected readonly dayMonthHint = computed(() => {
    const fit = this.dateFormatsThatFit();
    return fit.includes('DD/MM/YYYY') && fit.includes('MM/DD/YYYY')
      ? 'Every date here reads both ways (day first or month first): check the dates in the preview.'
      : null;
  });

  protected readonly counts = computed(() => {
    const rows = this.preview();
    return {
      expenses: rows.filter((row) => row.draft).length,
      moneyIn: rows.filter((row) => row.moneyIn).length,
      problems: rows.filter((row) => row.problems.length).length,
    };
  });

  protected fieldLabel(field: ImportField, debitCredit: boolean): string {
    return field === 'amount' && debitCredit ? 'Debit (money out)' : this.labels[field];
  }

  protected noneLabel(field: ImportField): string {
    if (field === 'account') return 'Not in the file: one account for every row';
    if (field === 'category') return 'Not in the file: one category for every row';
    return field === 'date' || field === 'amount' ? 'Choose a column' : 'Not in the file';
  }

  protected amount(row: ConvertedRow): string {
    const { amountMinor, currency } = row.read;
    // Cells out of line (a split 1,234.56) hold no amount worth showing: "$1.00" would be a misread.
    if (amountMinor === null || !currency || row.cells.length !== this.table().columns.length) return '—';
    return row.moneyIn ? `+${formatMoney(amountMinor, currency)}` : formatMoney(amountMinor, currency);
  }
}
