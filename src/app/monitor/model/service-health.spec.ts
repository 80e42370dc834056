import type { OrchestratorMetrics, ServiceMetrics } from '../../core/orchestration/service-orchestrator.metrics';
import { serviceCards } from './service-health';

const service = (name: string, overrides: Partial<ServiceMetrics>): ServiceMetrics => ({
  service: name,
  total: 4,
  successful: 3,
  failed: 1,
  retries: 0,
  averageDuration: 120,
  availability: 0.75,
  uptime: 1000,
  healthy: true,
  ...overrides,
});
const metrics = (...services: ServiceMetrics[]): OrchestratorMetrics => ({
  overall: { total: 0, successful: 0, failed: 0, retries: 0, averageDuration: 0, availability: 1, uptime: 0 },
  services: Object.fromEntries(services.map((s) => [s.service, s])),
});

describe('serviceCards', () => {
  it('shows availability, average duration and the last error of each probed service', () => {
    const cards = serviceCards(
      metrics(service('Orders API', { lastError: { message: 'Http failure: 0 Unknown Error', at: Date.parse('2026-03-01T18:00:00Z') } })),
      'live',
    );
    expect(cards[0]).toEqual({
      name: 'Orders API',
      state: 'up',
      stateLabel: 'Healthy',
      availabilityPct: 75,
      averageMs: 120,
      calls: 4,
      lastError: 'Http failure: 0 Unknown Error',
      lastErrorAt: new Date('2026-03-01T18:00:00Z'),
    });
  });

  it('lists the probed services first (unchecked ones as such), then any other the orchestrator knows, then realtime', () => {
    const cards = serviceCards(metrics(service('Team API', { healthy: false })), 'offline');
    expect(cards.map((c) => [c.name, c.state, c.stateLabel])).toEqual([
      ['Orders API', 'unknown', 'Not checked yet'],
      ['Firestore', 'unknown', 'Not checked yet'],
      ['Auth', 'unknown', 'Not checked yet'],
      ['Team API', 'down', 'Unhealthy'],
      ['Realtime', 'down', 'Offline'],
    ]);
  });

  it('says when the realtime socket was never opened in this browser', () => {
    expect(serviceCards(metrics(), 'not-opened').at(-1)).toEqual(jasmine.objectContaining({ state: 'unknown', stateLabel: 'Not opened in this browser' }));
  });
});
