import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { EarlyPaint } from './core/hydration/early-paint';
import { Theme } from './core/theme/theme';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  // Applies the stored light/dark choice before the first page renders.
  protected readonly theme = inject(Theme);

  constructor() {
    // A last screen the shell painted from its HTML goes when the app shows another page.
    inject(EarlyPaint).removeWhenLeft(inject(Router));
  }
}
