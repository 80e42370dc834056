import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { ActivityChainProblemKind, ActivityChainVerification } from '@maestro/contracts';
import { FormError } from '../../shared/ui/form-error';
import { ActivityChainClient } from '../data/activity-chain-client';
import { DateTimePipe } from '../../shared/ui/date-pipes';

const KIND_LABEL: Record<ActivityChainProblemKind, string> = {
  altered: 'Altered',
  removed: 'Removed',
  inserted: 'Inserted',
  'broken-link': 'Broken link',
  'seal-altered': 'Seal altered',
};

/**
 * Is the log as it was written? The API recomputes its hash chain from the entries stored now and
 * names each sealed entry that was changed, removed or slipped in since.
 */
@Component({
  selector: 'app-activity-chain-check',
  imports: [DateTimePipe, DecimalPipe, MatButtonModule, MatIconModule, MatProgressSpinnerModule, FormError],
  template: `
    <section class="panel" aria-labelledby="chain-title">
      <header>
        <h2 id="chain-title"><mat-icon aria-hidden="true">verified_user</mat-icon>Integrity</h2>
        <p class="hint">Entries are sealed into a hash chain a few seconds after they are written.</p>
        <span class="spacer"></span>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="sealNow()">Seal now</button>
        <button mat-flat-button type="button" [disabled]="busy()" (click)="verify()">
          @if (busy()) {
            <mat-progress-spinner diameter="18" mode="indeterminate" aria-label="Checking" />
          }
          Verify the log
        </button>
      </header>
      <app-form-error [message]="error()" icon="cloud_off" />
      @if (result(); as r) {
        @if (r.ok) {
          <p class="verdict ok" role="status">
            <mat-icon aria-hidden="true">check_circle</mat-icon>
            Intact: {{ r.sealsChecked | number }} seals and {{ r.entriesChecked | number }} entries match what was sealed.
            {{ r.unsealedEntries | number }} newer {{ r.unsealedEntries === 1 ? 'entry is' : 'entries are' }} not sealed yet.
            @if (r.lastSealedAt) {
              Last sealed {{ r.lastSealedAt | dateTime }}.
            }
          </p>
        } @else {
          <p class="verdict bad" role="alert">
            <mat-icon aria-hidden="true">gpp_bad</mat-icon>
            {{ r.problemCount | number }} {{ r.problemCount === 1 ? 'problem' : 'problems' }} in {{ r.sealsChecked | number }} seals
            ({{ r.entriesChecked | number }} entries checked).
          </p>
          <ul class="problems" aria-label="Integrity problems">
            @for (problem of r.problems; track $index) {
              <li>
                <span class="kind">{{ kindLabel[problem.kind] }}</span>
                <span class="seal">seal {{ problem.seal }}</span>
                <span class="message">{{ problem.message }}</span>
                @if (problem.entryId) {
                  <code>{{ problem.entryId }}</code>
                }
              </li>
            }
          </ul>
          @if (r.problemCount > r.problems.length) {
            <p class="hint">Showing the first {{ r.problems.length }}.</p>
          }
        }
        <p class="hint">Chain head {{ r.headSequence }} · {{ r.headHash ?? 'no seal yet' }} — keep a copy elsewhere: a rewritten chain would not end with it.</p>
      }
      @if (sealed() !== null) {
        <p class="hint" role="status">Sealed {{ sealed() | number }} {{ sealed() === 1 ? 'entry' : 'entries' }}.</p>
      }
    </section>
  `,
  styles: `
    .panel {
      padding: 12px 16px;
      border-radius: 16px;
      background: var(--mat-sys-surface-container);
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    h2 {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .spacer {
      flex: 1;
    }
    .hint {
      margin: 4px 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
    .verdict {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 8px 0;
    }
    .verdict mat-icon {
      flex: none;
    }
    .ok mat-icon {
      color: var(--mat-sys-primary);
    }
    .bad {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .problems {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .problems li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 6px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .kind {
      font-weight: 600;
      color: var(--mat-sys-error);
    }
    .seal {
      color: var(--mat-sys-on-surface-variant);
    }
    mat-progress-spinner {
      display: inline-block;
      margin-right: 6px;
      vertical-align: middle;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityChainCheck {
  private readonly client = inject(ActivityChainClient);
  protected readonly kindLabel = KIND_LABEL;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<ActivityChainVerification | null>(null);
  protected readonly sealed = signal<number | null>(null);

  protected verify(): Promise<void> {
    return this.run(async () => {
      this.sealed.set(null);
      this.result.set(await this.client.verify());
    });
  }

  protected sealNow(): Promise<void> {
    return this.run(async () => {
      this.sealed.set((await this.client.seal()).sealed);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(error instanceof Error ? error.message : 'The check could not run. Try again.');
    } finally {
      this.busy.set(false);
    }
  }
}
