import type { FulfillmentStep } from '@maestro/contracts';
import { compensationLabel, STEP_STATUS_LABEL, type SagaStep, type SagaStepStatus, type SagaView } from './saga';

/** A bar narrower than this (in % of the axis) would vanish: a 0 ms step still shows as a sliver. */
export const MIN_BAR_PCT = 0.8;

export interface TimelineBar {
  kind: 'step' | 'compensation';
  /** The colour: the step's outcome, or the compensation's (`done`/`failed`). */
  status: SagaStepStatus | 'compensated' | 'compensation-failed';
  label: string;
  /** Position on the axis, in % of the saga's duration. */
  offsetPct: number;
  widthPct: number;
  /** From the saga's start, in ms. */
  startMs: number;
  durationMs: number;
  /** Still running: its end is "now" and moves on. */
  open: boolean;
}

export interface TimelineLane {
  step: FulfillmentStep;
  status: SagaStepStatus;
  bars: TimelineBar[];
}

export interface TimelineGeometry {
  origin: Date;
  /** The axis' length: the saga from its start to its last finish (or now, while it runs). */
  totalMs: number;
  lanes: TimelineLane[];
}

/** Where each step's bar and its compensation's bar sit on an axis scaled to the saga's duration. */
export function sagaTimeline(saga: SagaView, now: Date): TimelineGeometry {
  const starts = saga.steps.flatMap((s) => [s.startedAt, s.compensation?.startedAt ?? null]).filter(isDate);
  const origin = new Date(Math.min(saga.createdAt.getTime(), ...starts.map((d) => d.getTime())));
  const ends = saga.steps.flatMap((s) => [s.finishedAt, s.compensation?.finishedAt ?? null, s.startedAt]).filter(isDate);
  const live = saga.status === 'running' || saga.status === 'compensating';
  const isOpen = (step: SagaStep) => live && step.status === 'running' && !!step.startedAt && !step.finishedAt;
  const anyOpen = saga.steps.some(isOpen);
  const end = Math.max(origin.getTime(), ...ends.map((d) => d.getTime()), anyOpen ? now.getTime() : 0);
  const totalMs = Math.max(end - origin.getTime(), 1);

  const bar = (kind: TimelineBar['kind'], status: TimelineBar['status'], label: string, start: Date, finish: Date, durationMs: number, open: boolean): TimelineBar => {
    const startMs = start.getTime() - origin.getTime();
    const widthPct = Math.max(((finish.getTime() - start.getTime()) / totalMs) * 100, MIN_BAR_PCT);
    // A sliver at the very end still fits inside the axis.
    const offsetPct = Math.min((startMs / totalMs) * 100, 100 - widthPct);
    return { kind, status, label, offsetPct, widthPct, startMs, durationMs, open };
  };

  const lanes = saga.steps.map((step): TimelineLane => {
    const bars: TimelineBar[] = [];
    if (step.startedAt) {
      const open = isOpen(step);
      // A step a crash left unfinished in a settled saga ends where its compensation began.
      const finish = open ? now : (step.finishedAt ?? step.compensation?.startedAt ?? step.startedAt);
      const duration = open ? now.getTime() - step.startedAt.getTime() : (step.durationMs ?? finish.getTime() - step.startedAt.getTime());
      bars.push(bar('step', step.status, STEP_STATUS_LABEL[step.status].toLowerCase(), step.startedAt, finish, duration, open));
    }
    const comp = step.compensation;
    if (comp) {
      const status = comp.status === 'done' ? 'compensated' : 'compensation-failed';
      bars.push(bar('compensation', status, compensationLabel(comp), comp.startedAt, comp.finishedAt, comp.durationMs, false));
    }
    return { step: step.step, status: step.status, bars };
  });
  return { origin, totalMs, lanes };
}

function isDate(value: Date | null): value is Date {
  return value instanceof Date;
}
