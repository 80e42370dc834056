import type { ChartConfiguration } from 'chart.js';
import { formatMoney, minorDigits } from '../../money';

/** What a chart shows, in minor units; `ChartCanvas` turns it into a Chart.js configuration. */
export type ChartSpec =
  | { kind: 'bar'; labels: string[]; series: { currency: string; valuesMinor: number[]; /** The legend's name; the currency when absent. */ label?: string }[] }
  | { kind: 'doughnut'; currency: string; labels: string[]; valuesMinor: number[]; colours: string[] };

/** Colours read from the theme at draw time, so light and dark both read well. */
export interface ChartPalette {
  text: string;
  grid: string;
  surface: string;
  series: string[];
}

const major = (minor: number, currency: string) => minor / 10 ** minorDigits(currency);

export function chartConfig(spec: ChartSpec, palette: ChartPalette, reducedMotion: boolean): ChartConfiguration<'bar'> | ChartConfiguration<'doughnut'> {
  const animation = reducedMotion ? (false as const) : undefined;
  const legend = { labels: { color: palette.text, usePointStyle: true, boxWidth: 8 } };
  if (spec.kind === 'doughnut') {
    return {
      type: 'doughnut',
      data: {
        labels: spec.labels,
        datasets: [
          {
            data: spec.valuesMinor.map((value) => major(value, spec.currency)),
            backgroundColor: spec.colours,
            borderColor: palette.surface,
            borderWidth: 2,
          },
        ],
      },
      options: {
        animation,
        maintainAspectRatio: false,
        cutout: '60%',
        // The table beside the chart is its legend (with amounts and shares).
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => ` ${formatMoney(spec.valuesMinor[item.dataIndex]!, spec.currency)}` } },
        },
      },
    };
  }
  return {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((series, i) => ({
        label: series.label ?? series.currency,
        data: series.valuesMinor.map((value) => major(value, series.currency)),
        backgroundColor: palette.series[i % palette.series.length],
        borderRadius: 4,
        maxBarThickness: 36,
      })),
    },
    options: {
      animation,
      maintainAspectRatio: false,
      scales: {
        x: { ticks: { color: palette.text }, grid: { display: false }, border: { color: palette.grid } },
        y: { beginAtZero: true, ticks: { color: palette.text }, grid: { color: palette.grid }, border: { display: false } },
      },
      plugins: {
        legend,
        tooltip: {
          callbacks: {
            label: (item) => ` ${formatMoney(spec.series[item.datasetIndex]!.valuesMinor[item.dataIndex]!, spec.series[item.datasetIndex]!.currency)}`,
          },
        },
      },
    },
  };
}
