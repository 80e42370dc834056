import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { STEP_LABEL, STEP_STATUS_LABEL, compensationLabel, type SagaView } from '../../model/saga';
import { sagaTimeline } from '../../model/saga-timeline';

/**
 * The saga drawn on a time axis (one lane per step, the compensation after the step it undoes),
 * and the same figures as a table: screen readers and exact numbers read the table.
 */
@Component({
  selector: 'app-saga-timeline',
  imports: [DecimalPipe],
  templateUrl: './saga-timeline.html',
  styleUrl: './saga-timeline.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SagaTimeline {
  readonly saga = input.required<SagaView>();
  /** "Now", for a step still running: its bar grows with it. */
  readonly now = input.required<Date>();

  protected readonly geometry = computed(() => sagaTimeline(this.saga(), this.now()));
  protected readonly stepLabel = STEP_LABEL;
  protected readonly statusLabel = STEP_STATUS_LABEL;
  protected readonly compensationLabel = compensationLabel;
}
