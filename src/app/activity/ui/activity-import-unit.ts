import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { EventRequests } from '../../core/events/event-requests';
import type { ImportUnit } from '../model/activity-import-units';

/** An undo may write as many rows as the import did: as long as a large import may take. */
const UNDO_ANSWER_MS = 600_000;

type UndoState = { status: 'idle' } | { status: 'confirming' } | { status: 'undoing' } | { status: 'done'; ok: boolean; message: string };

/**
 * Under an import's entry: how many commits it took, and "Undo import" (confirmed first). The undo
 * is the expenses feature's work, asked for on the bus; it refuses anyone but the author or an admin.
 */
@Component({
  selector: 'app-activity-import-unit',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    @let u = unit();
    @let s = state();
    <div class="unit">
      <span class="commits">{{ u.commits === 1 ? 'One commit' : u.commits + ' commits' }}</span>
      @if (u.undone) {
        <span class="chip">Undone</span>
      } @else if (u.undoable) {
        @switch (s.status) {
          @case ('idle') {
            <button mat-stroked-button type="button" (click)="state.set({ status: 'confirming' })"><mat-icon>undo</mat-icon>Undo import</button>
          }
          @case ('confirming') {
            <span class="question">Remove the {{ rows() }} of this import? Balances go back to before it.</span>
            <button mat-flat-button type="button" (click)="undo()">Undo import</button>
            <button mat-button type="button" (click)="state.set({ status: 'idle' })">Keep it</button>
          }
          @case ('undoing') {
            <span class="question" role="status"><mat-spinner diameter="18" />Undoing the import…</span>
          }
          @case ('done') {
            <span class="outcome" [class.failed]="!s.ok" [attr.role]="s.ok ? 'status' : 'alert'">{{ s.message }}</span>
          }
        }
      }
    </div>
  `,
  styles: `
    .unit {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-top: 6px;
      font: var(--mat-sys-body-small);
    }
    .commits {
      color: var(--mat-sys-on-surface-variant);
    }
    .chip {
      padding: 2px 10px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-high);
    }
    .question {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .outcome.failed {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityImportUnit {
  readonly unit = input.required<ImportUnit>();
  private readonly requests = inject(EventRequests);
  protected readonly state = signal<UndoState>({ status: 'idle' });

  protected rows(): string {
    const count = this.unit().count;
    return count === null ? 'expenses' : `${count.toLocaleString('en-US')} ${count === 1 ? 'expense' : 'expenses'}`;
  }

  protected async undo(): Promise<void> {
    this.state.set({ status: 'undoing' });
    const { importId } = this.unit();
    const answer = await this.requests.send('EXPENSES_IMPORT_UNDO_REQUESTED', { importId }, 'EXPENSES_IMPORT_UNDONE', { timeoutMs: UNDO_ANSWER_MS });
    if (!answer.ok) {
      this.state.set({ status: 'done', ok: false, message: answer.message });
      return;
    }
    const { count, edited } = answer.event.payload;
    const editedNote = edited ? ` (${edited.toLocaleString('en-US')} edited since the import, removed too)` : '';
    this.state.set({ status: 'done', ok: true, message: `Import undone: ${count.toLocaleString('en-US')} ${count === 1 ? 'expense' : 'expenses'} removed${editedNote}.` });
  }
}
