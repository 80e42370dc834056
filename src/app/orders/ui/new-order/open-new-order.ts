import type { MatDialog, MatDialogRef } from '@angular/material/dialog';
import type { Order } from '@maestro/contracts';
import { NewOrderDialog } from './new-order-dialog';

/** Opens the new-order dialog; it closes with the placed order, or nothing when dismissed. */
export function openNewOrderDialog(dialog: MatDialog): MatDialogRef<NewOrderDialog, Order> {
  return dialog.open<NewOrderDialog, void, Order>(NewOrderDialog, {
    maxWidth: '96vw',
    autoFocus: 'first-tabbable',
    restoreFocus: true,
  });
}
