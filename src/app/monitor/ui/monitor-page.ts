import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { DecimalPipe, DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AppOrchestratorManager } from '../../core/orchestration/orchestrator-manager';
import { RealtimeStatus } from '../../core/realtime/realtime-status';
import { PageHeader } from '../../shared/ui/page-header';
import { ApiHealthClient } from '../data/api-health';
import { ServiceProbes } from '../data/service-probes';
import { emitFailureLine } from '../model/emit-failures';
import { serviceCards } from '../model/service-health';
import { EventStreamPanel } from './stream/event-stream-panel';

const OVERALL_HEALTH = {
  healthy: { label: 'Every service answers', icon: 'check_circle' },
  degraded: { label: 'Some services do not answer', icon: 'warning' },
  unhealthy: { label: 'No service answers', icon: 'error' },
} as const;

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
  private readonly realtime = inject(RealtimeStatus).report;
  protected readonly services = computed(() => serviceCards(this.probes.metrics(), this.realtime().state));
  protected readonly OVERALL = OVERALL_HEALTH;
  protected readonly emitFailures = computed(() => {
    const health = this.client.health();
    return health.state === 'reported' ? emitFailureLine(health.report) : null;
  });

  constructor() {
    // One round now; the ServiceOrchestrator runs the next ones on its own interval.
    void this.probes.probeAll();
  }

  protected checkAgain(): void {
    this.client.reload();
    void this.probes.probeAll();
  }
}
