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
  circuit: 'closed',
  shortCircuited: 0,
  circuitOpened: 0,
  ...overrides,
});
const metrics = (...services: ServiceMetrics[]): OrchestratorMetrics => ({
  overall: { total: 0, successful: 0, failed: 0, retries: 0, averageDuration: 0, availability: 1, uptime: 0, shortCircuited: 0 },
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
      refusedCalls: 0,
      checkMs: null,
      checkedAt: null,
      lastError: 'Http failure: 0 Unknown Error',
      lastErrorAt: new Date('2026-03-01T18:00:00Z'),
    });
  });

  it('shows a service known only from its health checks, with the check and its error', () => {
    const checkedAt = Date.parse('2026-03-01T18:05:00Z');
    const cards = serviceCards(
      metrics(
        service('Firestore', {
          total: 0,
          successful: 0,
          failed: 0,
          availability: 1,
          healthy: false,
          lastCheck: { healthy: false, latencyMs: 5000, checkedAt, error: { message: 'Firestore did not answer within 5 s.', code: 'timeout', retryable: true } },
        }),
      ),
      'live',
    );
    expect(cards[1]).toEqual(
      jasmine.objectContaining({ state: 'down', stateLabel: 'Unhealthy', availabilityPct: null, calls: 0, checkMs: 5000, checkedAt: new Date(checkedAt), lastError: 'Firestore did not answer within 5 s.' }),
    );
  });

  it('says when calls are paused because the service does not answer, and how many were not sent', () => {
    const cards = serviceCards(metrics(service('Orders API', { healthy: false, circuit: 'open', shortCircuited: 7, circuitOpened: 1 })), 'live');
    expect(cards[0]).toEqual(jasmine.objectContaining({ state: 'down', stateLabel: 'Not answering: calls paused', refusedCalls: 7 }));
    const trial = serviceCards(metrics(service('Orders API', { healthy: true, circuit: 'half_open' })), 'live');
    expect(trial[0]).toEqual(jasmine.objectContaining({ state: 'down', stateLabel: 'Checking whether it is back' }));
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
