import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { DecimalPipe, DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AppOrchestratorManager } from '../../core/orchestration/orchestrator-manager';
import { PageHeader } from '../../shared/ui/page-header';
import { ApiHealthClient } from '../data/api-health';

@Component({
  selector: 'app-monitor-page',
  imports: [PageHeader, MatCardModule, MatIconModule, MatButtonModule, MatProgressBarModule, DecimalPipe, DatePipe],
  templateUrl: './monitor-page.html',
  styleUrl: './monitor-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonitorPage {
  protected readonly client = inject(ApiHealthClient);
  protected readonly orchestrators = inject(AppOrchestratorManager).status;
}
