import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { OrchestratorMetrics } from '../../core/orchestration/service-orchestrator.metrics';
import { RealtimeStatus } from '../../core/realtime/realtime-status';
import type { HealthReport } from '@maestro/contracts';
import { ApiHealthClient, type ApiHealth } from '../data/api-health';
import { ServiceProbes } from '../data/service-probes';
import { MonitorPage } from './monitor-page';

describe('MonitorPage', () => {
  let fixture: ComponentFixture<MonitorPage>;
  let probeCalls: number;
  let apiHealth: ReturnType<typeof signal<ApiHealth>>;

  const metrics: OrchestratorMetrics = {
    overall: { total: 5, successful: 4, failed: 1, retries: 0, averageDuration: 40, availability: 0.8, uptime: 1000, shortCircuited: 0 },
    services: {
      'Orders API': { service: 'Orders API', total: 4, successful: 3, failed: 1, retries: 0, averageDuration: 42, availability: 0.75, uptime: 1000, healthy: true, circuit: 'closed', shortCircuited: 0, circuitOpened: 0, lastError: { message: 'Http failure response: 0', at: 0 }, lastCheck: { healthy: true, latencyMs: 12, checkedAt: Date.parse('2026-11-24T04:00:05Z') } },
    },
  };

  beforeEach(async () => {
    probeCalls = 0;
    apiHealth = signal<ApiHealth>({ state: 'unreachable' });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: ApiHealthClient, useValue: { health: apiHealth, loading: signal(false), reload: () => undefined } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.overrideComponent(MonitorPage, {
      set: {
        providers: [
          {
            provide: ServiceProbes,
            useValue: {
              metrics: signal(metrics),
              health: signal({ overall: 'degraded', services: {}, checkedAt: Date.parse('2026-11-24T04:00:05Z') }),
              probing: signal(false),
              probeAll: () => Promise.resolve(void probeCalls++),
            },
          },
        ],
      },
    });
    // What the orders screens report when their socket is up.
    TestBed.inject(RealtimeStatus).changed('live', new Date('2026-11-24T04:00:00Z'));
    fixture = TestBed.createComponent(MonitorPage);
    await fixture.whenStable();
  });
  afterEach(() => fixture.destroy());

  const el = () => fixture.nativeElement as HTMLElement;
  const card = (name: string) => el().querySelector(`[role="listitem"][aria-label="${name}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

  it('shows each service with its availability, average duration and last error, and the realtime socket', () => {
    expect(card('Orders API')).toContain('Healthy');
    expect(card('Orders API')).toContain('75 % available · average 42 ms · 4 calls');
    expect(card('Orders API')).toContain('Http failure response: 0');
    expect(card('Orders API')).toMatch(/Checked \d\d:\d\d:05 · answered in 12 ms/);
    expect(card('Firestore')).toContain('Not checked yet');
    expect(card('Realtime')).toContain('Live');
  });

  it('sums up the latest round of checks', () => {
    expect(el().querySelector('[data-testid="overall-health"]')?.textContent?.replace(/\s+/g, ' ')).toMatch(/Some services do not answer · checked \d\d:\d\d:05/);
  });

  it('probes on opening and again on "Check again"', () => {
    expect(probeCalls).toBe(1);
    const button = [...el().querySelectorAll('button')].find((b) => b.textContent?.includes('Check again'))!;
    button.click();
    expect(probeCalls).toBe(2);
  });

  it('has the event stream and a way to the saga timelines', () => {
    expect(el().querySelector('app-event-stream-panel table[aria-label="Event stream"]')).not.toBeNull();
    expect(el().querySelector('a[href="/monitor/sagas"]')?.textContent).toContain('Saga timelines');
  });

  describe("the API card's live updates", () => {
    const report = (realtime?: { emitFailures: number }): ApiHealth => ({
      state: 'reported',
      checkedAt: new Date('2026-11-24T04:00:05Z'),
      report: { status: 'ok', uptimeSeconds: 60, checks: { firestore: { ok: true, latencyMs: 3 } }, ...(realtime && { realtime }) } as HealthReport,
    });
    const line = async (health: ApiHealth) => {
      apiHealth.set(health);
      await fixture.whenStable();
      return el().querySelector('[data-testid="emit-failures"]');
    };

    it('says none failed when every order event went out', async () => {
      const shown = await line(report({ emitFailures: 0 }));
      expect(shown?.textContent?.trim()).toBe('Live updates: none failed since this API node started');
      expect(shown?.classList).not.toContain('failed-emits');
      expect(el().querySelector('[data-testid="emit-failures-detail"]')).toBeNull();
    });

    it('counts the broadcasts that failed, says the changes are saved and how screens catch up', async () => {
      const shown = await line(report({ emitFailures: 1234 }));
      expect(shown?.textContent?.replace(/\s+/g, ' ').trim()).toBe('warning 1,234 live updates not sent since this API node started');
      expect(shown?.classList).toContain('failed-emits');
      expect(el().querySelector('[data-testid="emit-failures-detail"]')?.textContent).toBe(
        'The changes are saved; screens that missed one show it at their next reload.',
      );
      expect((await line(report({ emitFailures: 1 })))?.textContent).toContain('1 live update not sent');
    });

    it('says nothing when the API does not report it (an older API node)', async () => {
      expect(await line(report())).toBeNull();
      expect(el().querySelector('[data-testid="service-api"]')?.textContent).toContain('Online');
    });
  });
});
