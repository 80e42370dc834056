import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { DuplicateGroup } from '../model/duplicate-names';

/** How many groups show before "Show all": a long list must not push the page down. */
const SHOWN = 3;

/**
 * For admins: names that more than one account (or category) still share from before names were
 * unique. Pickers show them as identical entries and the CSV import cannot tell them apart: Merge
 * makes one of them out of all, Rename tells them apart.
 */
@Component({
  selector: 'app-duplicate-names',
  imports: [MatButtonModule, MatIconModule],
  template: `
    @if (groups().length) {
      <section class="duplicates" [attr.aria-label]="'Duplicate ' + noun() + ' names'">
        <mat-icon class="icon" aria-hidden="true">warning</mat-icon>
        <div class="body">
          <p class="summary">{{ summary() }}</p>
          <ul>
            @for (group of shown(); track group.key) {
              <li>
                <span class="title">{{ group.title }}</span>
                <span class="actions">
                  <button mat-flat-button type="button" (click)="merge.emit(group)" [attr.aria-label]="'Merge the ' + group.items.length + ' named ' + group.name">
                    <mat-icon>call_merge</mat-icon>Merge…
                  </button>
                  @for (item of group.items; track item.id) {
                    <button mat-stroked-button type="button" (click)="rename.emit(item.id)" [attr.aria-label]="'Rename ' + item.detail + ', ' + item.label">
                      <mat-icon>edit</mat-icon>Rename {{ item.detail }}
                    </button>
                  }
                </span>
              </li>
            }
          </ul>
          @if (groups().length > shownMax) {
            <button mat-button type="button" (click)="expanded.set(!expanded())">
              {{ expanded() ? 'Show fewer' : 'Show all ' + groups().length }}
            </button>
          }
        </div>
      </section>
    }
  `,
  styles: `
    .duplicates {
      display: flex;
      gap: 12px;
      padding: 12px 16px;
      margin-bottom: 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .icon {
      flex: none;
    }
    .body {
      min-width: 0;
      flex: 1;
    }
    .summary {
      margin: 0 0 8px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
    }
    .title {
      font-weight: 500;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    button[mat-stroked-button] {
      max-width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DuplicateNames {
  readonly groups = input.required<readonly DuplicateGroup[]>();
  /** "account" or "category" */
  readonly noun = input.required<string>();
  /** The id of the item to rename. */
  readonly rename = output<string>();
  /** The group to merge into one of its items. */
  readonly merge = output<DuplicateGroup>();
  protected readonly shownMax = SHOWN;
  protected readonly expanded = signal(false);
  protected readonly shown = computed(() => (this.expanded() ? this.groups() : this.groups().slice(0, SHOWN)));
  protected readonly summary = computed(() => {
    const plural = this.noun() === 'category' ? 'categories' : `${this.noun()}s`;
    const count = this.groups().length;
    const names = count === 1 ? 'One name is' : `${count} names are`;
    return `${names} used by more than one ${this.noun()}: merge them into one, or rename so each is unique. Until then pickers show look-alike ${plural} and the CSV import cannot tell them apart.`;
  });
}
