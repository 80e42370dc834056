import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterRenderEffect, inject, input, signal, viewChild } from '@angular/core';
import type { Chart } from 'chart.js';
import { Theme } from '../../../core/theme/theme';
import { chartConfig, type ChartPalette, type ChartSpec } from './chart-config';

let chartJs: Promise<typeof import('./chart-setup')> | undefined;

/**
 * One Chart.js chart. Chart.js is loaded on first use; the chart is updated in place when the
 * data or the theme changes and destroyed with the component, so no instance outlives it.
 */
@Component({
  selector: 'app-chart-canvas',
  template: `
    <div class="frame"><canvas #canvas role="img" [attr.aria-label]="label()"></canvas></div>
    <!-- Theme colours, resolved by the browser (light-dark() included) for the canvas to use. -->
    <span class="probe" style="color: var(--mat-sys-on-surface-variant)"></span>
    <span class="probe" style="color: var(--mat-sys-outline-variant)"></span>
    <span class="probe" style="color: var(--mat-sys-surface-container-lowest)"></span>
    <span class="probe" style="color: var(--mat-sys-primary)"></span>
    <span class="probe" style="color: var(--mat-sys-tertiary)"></span>
    <span class="probe" style="color: var(--mat-sys-secondary)"></span>
    <span class="probe" style="color: var(--mat-sys-error)"></span>
  `,
  styles: `
    :host {
      display: block;
    }
    .frame {
      position: relative;
      height: var(--chart-height, 280px);
    }
    .probe {
      display: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartCanvas {
  readonly spec = input.required<ChartSpec>();
  /** What the chart shows, in words, for people who cannot see it. */
  readonly label = input.required<string>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private chart?: Chart;
  private destroyed = false;
  /** Bumped when the system colour scheme flips while the theme follows it. */
  private readonly systemScheme = signal(0);

  constructor() {
    const theme = inject(Theme);
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onSchemeChange = () => this.systemScheme.update((n) => n + 1);
    media.addEventListener('change', onSchemeChange);
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      media.removeEventListener('change', onSchemeChange);
      this.chart?.destroy();
      this.chart = undefined;
    });
    afterRenderEffect(() => {
      const spec = this.spec();
      theme.mode();
      this.systemScheme();
      void this.draw(spec);
    });
  }

  private async draw(spec: ChartSpec): Promise<void> {
    chartJs ??= import('./chart-setup');
    const { Chart } = await chartJs;
    if (this.destroyed) return;
    const config = chartConfig(spec, this.palette(), matchMedia('(prefers-reduced-motion: reduce)').matches);
    if (this.chart && (this.chart.config as { type?: string }).type === config.type) {
      this.chart.data = config.data;
      this.chart.options = config.options ?? {};
      this.chart.update();
    } else {
      this.chart?.destroy();
      this.chart = new Chart(this.canvas().nativeElement, config);
    }
  }

  private palette(): ChartPalette {
    const [text, grid, surface, ...series] = [...this.host.nativeElement.querySelectorAll<HTMLElement>('.probe')].map((probe) => getComputedStyle(probe).color);
    return { text: text!, grid: grid!, surface: surface!, series };
  }
}
