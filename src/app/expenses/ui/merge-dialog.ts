import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import type { MergeKind } from '@maestro/contracts';
import { FormError } from '../../shared/ui/form-error';
import { MergeCommands } from '../data/merge-commands';
import type { DuplicateGroup } from '../model/duplicate-names';

export interface MergeDialogData {
  readonly kind: MergeKind;
  readonly group: DuplicateGroup;
}

/** What each kind of merge moves, said before the admin confirms. */
const WHAT_MOVES: Record<MergeKind, string> = {
  account:
    'Expenses and transfers recorded on the others move to it and their opening balances are added to its own, so its balance becomes the sum of theirs. A transfer between two of them is removed: it moved nothing once they are one account.',
  category: 'Expenses, child categories, budgets (added up per currency) and import rules of the others move to it.',
};

/** Closes with a sentence saying what moved, or nothing when cancelled. */
@Component({
  selector: 'app-merge-dialog',
  imports: [FormError, MatDialogModule, MatButtonModule, MatRadioModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Merge duplicates</h2>
    <mat-dialog-content class="content">
      <p class="title">{{ data.group.title }}.</p>
      <p id="merge-keep-label">Choose the {{ noun }} that stays:</p>
      <mat-radio-group class="choices" aria-labelledby="merge-keep-label" [value]="survivorId()" (change)="survivorId.set($event.value)" [disabled]="busy()">
        @for (item of data.group.items; track item.id) {
          <mat-radio-button [value]="item.id" [attr.data-item]="item.id">
            <span class="choice">{{ item.label }}</span>
          </mat-radio-button>
        }
      </mat-radio-group>
      <p class="moves">{{ whatMoves }} Then the {{ othersWord() }} deleted. The activity log keeps every step as one merge.</p>
      @if (progress(); as p) {
        <div class="progress" role="status">
          <mat-progress-bar mode="determinate" [value]="(100 * p.written) / p.total" aria-label="Merge progress" />
          <span>{{ p.written.toLocaleString('en-US') }} of {{ p.total.toLocaleString('en-US') }} changes written…</span>
        </div>
      } @else if (busy()) {
        <div class="progress" role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Reading what moves" />
          <span>Reading what moves…</span>
        </div>
      }
      <app-form-error [message]="error()" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button mat-flat-button type="button" (click)="merge()" [disabled]="!survivorId() || busy()">Merge into the chosen one</button>
    </mat-dialog-actions>
  `,
  styles: `
    .content {
      width: min(480px, 80vw);
    }
    .title {
      font-weight: 500;
      margin-top: 0;
    }
    .choices {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-bottom: 8px;
    }
    .choice {
      overflow-wrap: anywhere;
    }
    .moves {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .progress {
      display: grid;
      gap: 6px;
      margin: 8px 0;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MergeDialog {
  protected readonly data = inject<MergeDialogData>(MAT_DIALOG_DATA);
  private readonly dialog = inject(MatDialogRef<MergeDialog, string>);
  private readonly commands = inject(MergeCommands);
  protected readonly noun = this.data.kind === 'account' ? 'account' : 'category';
  protected readonly whatMoves = WHAT_MOVES[this.data.kind];
  protected readonly survivorId = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly progress = signal<{ written: number; total: number } | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly othersWord = computed(() => (this.data.group.items.length > 2 ? `other ${this.data.group.items.length - 1} are` : 'other one is'));

  protected async merge(): Promise<void> {
    const survivorId = this.survivorId();
    if (!survivorId || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.dialog.disableClose = true;
    const others = this.data.group.items.filter((item) => item.id !== survivorId).map((item) => item.id);
    const outcome = await this.commands.merge(this.data.kind, survivorId, others, (written, total) => this.progress.set({ written, total }));
    this.busy.set(false);
    this.progress.set(null);
    this.dialog.disableClose = false;
    if (!outcome.ok) {
      this.error.set(outcome.message);
      return;
    }
    this.dialog.close(mergedMessage(this.data.kind, this.data.group, outcome.moved));
  }
}

/** "Merged 2 accounts “Cash register”: 132 expenses moved." */
export function mergedMessage(kind: MergeKind, group: DuplicateGroup, moved: Record<string, number>): string {
  const expenses = moved['expenses'] ?? 0;
  const what = kind === 'account' ? 'accounts' : 'categories';
  return `Merged ${group.items.length} ${what} named “${group.name}” into one: ${expenses.toLocaleString('en-US')} ${expenses === 1 ? 'expense' : 'expenses'} moved.`;
}
