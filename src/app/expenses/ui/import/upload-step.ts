import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MAX_FILE_BYTES, MAX_IMPORT_ROWS } from '../../model/csv-import-parse';
import type { UploadState } from './import-flow';
import { countOf } from '../../../shared/count-words';

/** Step 1: a file by picker or drag and drop; what was found in it, or why it cannot be used. */
@Component({
  selector: 'app-import-upload-step',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    <div
      class="drop-zone"
      [class.dragging]="dragging()"
      (dragenter)="onDrag($event, true)"
      (dragover)="onDrag($event, true)"
      (dragleave)="onDrag($event, false)"
      (drop)="onDrop($event)"
    >
      <mat-icon class="drop-icon" aria-hidden="true">upload_file</mat-icon>
      <p class="drop-title">Drop a CSV file here, or</p>
      <button mat-flat-button type="button" (click)="picker.click()">
        <mat-icon>folder_open</mat-icon>
        Choose a CSV file
      </button>
      <input
        #picker
        class="file-input"
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
        aria-label="CSV file to import"
        (change)="onPick(picker)"
      />
      <p class="hint">
        Up to {{ maxRows }} rows and {{ maxMb }} MB. Columns: a date and an amount, and usually the account, category, payee,
        note and tags. A file exported from the Expenses list imports as it is.
      </p>
    </div>

    @let state = upload();
    @switch (state.status) {
      @case ('reading') {
        <div class="status" role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Reading the file" />
          <span>Reading {{ state.fileName }}…</span>
        </div>
      }
      @case ('refused') {
        <div class="status refused" role="alert">
          <mat-icon aria-hidden="true">error</mat-icon>
          <div>
            <strong>{{ state.fileName }}</strong>
            <p>{{ state.message }}</p>
          </div>
        </div>
      }
      @case ('ready') {
        <div class="status ready" role="status">
          <mat-icon aria-hidden="true">task</mat-icon>
          <div>
            <strong>{{ state.fileName }}</strong>
            <p>{{ summary() }}</p>
          </div>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    .drop-zone {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      padding: 32px 24px;
      border: 2px dashed var(--mat-sys-outline-variant);
      border-radius: 16px;
      background: var(--mat-sys-surface-container-lowest);
      text-align: center;
      transition: border-color 120ms, background 120ms;
    }
    .drop-zone.dragging {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
    }
    .drop-icon {
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
    .drop-title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .file-input {
      display: none;
    }
    .hint {
      margin: 8px 0 0;
      max-width: 60ch;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .status {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 12px 16px;
      border-radius: 12px;
      p {
        margin: 2px 0 0;
      }
    }
    .status:has(mat-progress-bar) {
      flex-direction: column;
      align-items: stretch;
    }
    .refused {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .ready {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadStep {
  readonly upload = input.required<UploadState>();
  readonly fileChosen = output<File>();

  protected readonly dragging = signal(false);
  protected readonly maxRows = MAX_IMPORT_ROWS.toLocaleString('en-US');
  protected readonly maxMb = MAX_FILE_BYTES / 1024 / 1024;
  protected readonly summary = computed(() => {
    const state = this.upload();
    if (state.status !== 'ready') return '';
    const { table } = state;
    const rows = table.rows.length.toLocaleString('en-US');
    const separator = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[table.delimiter] ?? `“${table.delimiter}”`;
    const header = table.hasHeader ? 'with a header row' : 'without a header row';
    return `${rows} ${table.rows.length === 1 ? 'row' : 'rows'} · ${countOf(table.columns.length, 'column')} · ${separator}-separated, ${header}.`;
  });

  protected onPick(picker: HTMLInputElement): void {
    const file = picker.files?.[0];
    if (file) this.fileChosen.emit(file);
    picker.value = ''; // choosing the same file again (after fixing it) must fire again
  }

  protected onDrag(event: DragEvent, over: boolean): void {
    event.preventDefault();
    this.dragging.set(over);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const file = event.dataTransfer?.files[0];
    if (file) this.fileChosen.emit(file);
  }
}
