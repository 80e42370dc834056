import { TestBed } from '@angular/core/testing';
import { SERVICE_ORCHESTRATOR, provideServiceOrchestrator } from './service-orchestrator.provider';

describe('SERVICE_ORCHESTRATOR', () => {
  it('gives one orchestrator with the provided config, disposed when the app is destroyed', async () => {
    TestBed.configureTestingModule({
      providers: [provideServiceOrchestrator({ retryAttempts: 0 }, { clock: { now: () => 0 } })],
    });
    const orchestrator = TestBed.inject(SERVICE_ORCHESTRATOR);
    expect(TestBed.inject(SERVICE_ORCHESTRATOR)).toBe(orchestrator);

    const failing = () => Promise.reject(new TypeError('Failed to fetch'));
    const result = await orchestrator.execute('orders', failing, { timeout: 0 });
    expect(result.details?.attempts).toBe(1);

    TestBed.resetTestingModule();
    expect(orchestrator.isDisposed).toBeTrue();
  });
});
