import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { DecimalPipe, DatePipe } from '@angular/common';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { AppOrchestratorManager } from '../../core/orchestration/orchestrator-manager';
import { PageHeader } from '../../shared/ui/page-header';
import { ApiHealthClient } from '../data/api-health';
import { ServiceProbes } from '../data/service-probes';
import { serviceCards, type RealtimeState } from '../model/service-health';
import { EventStreamPanel } from './stream/event-stream-panel';

/** How often the services are probed while the monitor is open. */
const PROBE_EVERY_MS = 30_000;

/** The orders feature's socket state, read by shape: features do not import each other. */
interface StoreWithOrders {
  orders?: { connection?: { state?: RealtimeState } };
}

@Component({
  selector: 'app-monitor-page',
  imports: [PageHeader, RouterLink, MatCardModule, MatIconModule, MatButtonModule, MatProgressBarModule, DecimalPipe, DatePipe, EventStreamPanel],
  providers: [ServiceProbes],
  templateUrl: './monitor-page.html',
  styleUrl: './monitor-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonitorPage {
  protected readonly client = inject(ApiHealthClient);
  protected readonly probes = inject(ServiceProbes);
  protected readonly orchestrators = inject(AppOrchestratorManager).status;
  private readonly realtime = toSignal(inject(Store).select((state: StoreWithOrders) => state.orders?.connection?.state ?? 'not-opened'), {
    initialValue: 'not-opened' as RealtimeState,
  });
  protected readonly services = computed(() => serviceCards(this.probes.metrics(), this.realtime()));

  constructor() {
    void this.probes.probeAll();
    const timer = setInterval(() => void this.probes.probeAll(), PROBE_EVERY_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected checkAgain(): void {
    this.client.reload();
    void this.probes.probeAll();
  }
}
