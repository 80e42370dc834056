import { TestBed } from '@angular/core/testing';
import { Chart } from 'chart.js';
import { ChartCanvas } from './chart-canvas';
import type { ChartSpec } from './chart-config';

// Chart.js keeps every live chart in `Chart.instances`: a leak would show there.
describe('ChartCanvas', () => {
  const bar = (values: number[]): ChartSpec => ({ kind: 'bar', labels: ['Jan', 'Feb'], series: [{ currency: 'USD', valuesMinor: values }] });
  const liveCharts = () => Object.keys(Chart.instances).length;

  async function settle(fixture: { whenStable(): Promise<unknown> }, condition: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !condition(); i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(condition()).withContext('chart settled').toBeTrue();
  }

  it('draws once, updates the same chart when the data changes, and destroys it with the component', async () => {
    const before = liveCharts();
    const fixture = TestBed.createComponent(ChartCanvas);
    fixture.componentRef.setInput('spec', bar([1_000, 2_500]));
    fixture.componentRef.setInput('label', 'Spending by month');
    const canvas = (fixture.nativeElement as HTMLElement).querySelector('canvas')!;
    await settle(fixture, () => Chart.getChart(canvas) !== undefined);

    const chart = Chart.getChart(canvas)!;
    expect(chart.data.datasets[0]!.data).toEqual([10, 25]); // major units on the axis
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')).toBe('Spending by month');

    fixture.componentRef.setInput('spec', bar([4_000, 0]));
    await settle(fixture, () => chart.data.datasets[0]!.data[0] === 40);
    expect(Chart.getChart(canvas)).toBe(chart);
    expect(liveCharts()).toBe(before + 1);

    fixture.componentRef.setInput('spec', { kind: 'doughnut', currency: 'USD', labels: ['Rent'], valuesMinor: [500], colours: ['#6a1b9a'] });
    await settle(fixture, () => (Chart.getChart(canvas)?.config as { type?: string } | undefined)?.type === 'doughnut');
    expect(liveCharts()).toBe(before + 1);

    fixture.destroy();
    expect(liveCharts()).toBe(before);
  });

  it('creates no chart when destroyed before Chart.js has loaded', async () => {
    const before = liveCharts();
    const fixture = TestBed.createComponent(ChartCanvas);
    fixture.componentRef.setInput('spec', bar([1, 2]));
    fixture.componentRef.setInput('label', 'x');
    fixture.detectChanges();
    fixture.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(liveCharts()).toBe(before);
  });
});
