import { ChangeDetectionStrategy, Component, ViewEncapsulation } from '@angular/core';

/**
 * The page frame around the kitchen display, changed only while the display is on screen (these
 * rules are global, so each is scoped with :has() to the display being there):
 * - in full screen (F, on the whole document so snackbars still show) the display covers the
 *   shell's toolbar and navigation too. The z-indexes lift it over Material's sidenav layers.
 */
@Component({
  selector: 'app-kitchen-frame',
  template: '',
  styles: `
    html:fullscreen .mat-drawer-container:has(app-kitchen-display-page) {
      z-index: 3;
    }
    html:fullscreen .mat-drawer-content:has(app-kitchen-display-page) {
      z-index: 5;
    }
    html:fullscreen app-kitchen-display-page {
      position: fixed;
      inset: 0;
      z-index: 10;
      overflow: auto;
    }
  `,
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KitchenFrame {}
