import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { shortOrderNumber } from '@maestro/contracts';
import { catchError, combineLatest, distinctUntilChanged, of, switchMap } from 'rxjs';
import { CLOCK } from '../../../core/time/clock';
import { EmptyState } from '../../../shared/ui/empty-state';
import { FormError } from '../../../shared/ui/form-error';
import { PageHeader } from '../../../shared/ui/page-header';
import { SAGA_REPOSITORY } from '../../data/saga-repository';
import { SAGA_OUTCOME_LABEL, SAGA_STATUS_LABEL, STEP_LABEL } from '../../model/saga';
import { sagaActionWords } from '../../model/saga-event-words';
import { sagaPageState, type SagaPageState } from './saga-page-state';
import { SagaTimeline } from './saga-timeline';

/** How often a running saga's open bar grows. */
const LIVE_TICK_MS = 500;

/** `/monitor/sagas/:orderId` and `/monitor/sagas?correlationId=…`: one order's saga, live. */
@Component({
  selector: 'app-saga-page',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    EmptyState,
    FormError,
    PageHeader,
    SagaTimeline,
  ],
  templateUrl: './saga-page.html',
  styleUrl: './saga-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SagaPage {
  private readonly repository = inject(SAGA_REPOSITORY);
  private readonly clock = inject(CLOCK);
  private readonly router = inject(Router);

  /** Route param and query param (component input binding). */
  readonly orderId = input<string>();
  readonly correlationId = input<string>();

  protected readonly state = toSignal(
    combineLatest([toObservable(this.orderId), toObservable(this.correlationId)]).pipe(
      switchMap(([orderId, correlationId]) => sagaPageState(this.repository, orderId, correlationId)),
    ),
    { initialValue: { kind: 'loading' } as SagaPageState },
  );
  protected readonly saga = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.saga : null;
  });
  /** The activity entries of the saga's correlation id (null when they could not be read). */
  protected readonly events = toSignal(
    toObservable(computed(() => this.saga()?.correlationId ?? '')).pipe(
      distinctUntilChanged(),
      switchMap((correlationId) =>
        correlationId ? this.repository.events(correlationId).pipe(catchError(() => of(null))) : of([]),
      ),
    ),
    { initialValue: [] },
  );
  protected readonly now = signal(this.clock.now());
  protected readonly live = computed(() => {
    const status = this.saga()?.status;
    return status === 'running' || status === 'compensating';
  });
  protected readonly statusLabel = SAGA_STATUS_LABEL;
  protected readonly outcomeLabel = SAGA_OUTCOME_LABEL;
  protected readonly stepLabel = STEP_LABEL;
  protected readonly actionWords = sagaActionWords;
  protected readonly shortNumber = shortOrderNumber;
  protected query = '';

  constructor() {
    // Only a running saga needs a moving "now"; a finished one is drawn once.
    effect((onCleanup) => {
      this.now.set(this.clock.now());
      if (!this.live()) return;
      const timer = setInterval(() => this.now.set(this.clock.now()), LIVE_TICK_MS);
      onCleanup(() => clearInterval(timer));
    });
  }

  protected find(): void {
    const correlationId = this.query.trim();
    if (correlationId) void this.router.navigate(['/monitor/sagas'], { queryParams: { correlationId } });
  }
}
