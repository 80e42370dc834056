import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

export interface InviteLinkDialogData {
  name: string;
  signInLink: string;
}

/** The new invite link for a member who has not joined yet, to copy and send them. */
@Component({
  selector: 'app-invite-link-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>A new link for {{ data.name }}</h2>
    <mat-dialog-content>
      <p>Send them this link: it lets them choose a password, once. An earlier link keeps working until it expires (about an hour after it was made) or is used.</p>
      <mat-form-field class="wide">
        <mat-label>Sign-in link</mat-label>
        <input matInput readonly [value]="data.signInLink" />
      </mat-form-field>
      @if (copied()) {
        <p class="copied" role="status">Copied to the clipboard.</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="copy()">Copy sign-in link</button>
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    .wide {
      width: 100%;
    }
    .copied {
      color: var(--mat-sys-primary);
    }
    mat-dialog-content {
      min-width: min(420px, 80vw);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteLinkDialog {
  protected readonly data = inject<InviteLinkDialogData>(MAT_DIALOG_DATA);
  private readonly clipboard = inject(Clipboard);
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.data.signInLink));
  }
}
