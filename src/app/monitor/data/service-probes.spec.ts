import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Session } from '../../core/auth/session';
import { APP_ENVIRONMENT, type AppEnvironment } from '../../core/config/app-environment';
import { FirestoreLoader } from '../../core/firebase/firestore-loader';
import { SERVICE_ORCHESTRATOR } from '../../core/orchestration/service-orchestrator.provider';
import { ServiceProbes } from './service-probes';

describe('ServiceProbes', () => {
  let probes: ServiceProbes;
  let http: HttpTestingController;
  let token: string | null;

  beforeEach(() => {
    token = 'id-token';
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        ServiceProbes,
        { provide: APP_ENVIRONMENT, useValue: { apiUrl: 'http://api.test' } as AppEnvironment },
        // Firestore unreachable: the loader itself fails, as when the SDK cannot start.
        { provide: FirestoreLoader, useValue: { firestore: () => Promise.reject(new Error('Firestore is offline')) } },
        { provide: Session, useValue: { idToken: () => Promise.resolve(token) } },
      ],
    });
    probes = TestBed.inject(ServiceProbes);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function probe(answer: (request: ReturnType<HttpTestingController['expectOne']>) => void) {
    const done = probes.probeAll();
    await new Promise((resolve) => setTimeout(resolve));
    answer(http.expectOne('http://api.test/api/health'));
    await done;
    return probes.metrics().services;
  }

  it('checks an answering API, a failing Firestore and a present ID token through the orchestrator', async () => {
    const services = await probe((req) => req.flush({ status: 'ok', uptimeSeconds: 5, checks: { firestore: { ok: true, latencyMs: 3 } } }));
    expect(services['Orders API'].lastCheck?.healthy).toBeTrue();
    expect(services['Firestore'].lastCheck?.healthy).toBeFalse();
    expect(services['Firestore'].healthy).toBeFalse();
    expect(services['Firestore'].lastCheck?.error?.message).toContain('Firestore is offline');
    expect(services['Auth'].lastCheck?.healthy).toBeTrue();
    // Checks are not calls: the availability figures stay those of the features' own calls.
    expect(services['Orders API'].total).toBe(0);
    expect(probes.probing()).toBeFalse();
  });

  it('takes a 503 that carries the health report as an answer, a network error as a failure', async () => {
    let services = await probe((req) =>
      req.flush({ status: 'degraded', uptimeSeconds: 5, checks: { firestore: { ok: false, error: 'down' } } }, { status: 503, statusText: 'Unavailable' }),
    );
    expect(services['Orders API'].lastCheck?.healthy).toBeTrue();

    services = await probe((req) => req.error(new ProgressEvent('error')));
    expect(services['Orders API'].lastCheck?.healthy).toBeFalse();
    expect(services['Orders API'].healthy).toBeFalse();
  });

  it('fails Auth when nobody is signed in', async () => {
    token = null;
    const services = await probe((req) => req.flush({ status: 'ok', uptimeSeconds: 1, checks: { firestore: { ok: true, latencyMs: 1 } } }));
    expect(services['Auth'].lastCheck?.error?.message).toContain('No signed-in user');
  });

  it('stops the checks when the monitor closes', async () => {
    const orchestrator = TestBed.inject(SERVICE_ORCHESTRATOR);
    // The page's own injector, destroyed as leaving the page does; the app's orchestrator lives on.
    const page = createEnvironmentInjector([ServiceProbes], TestBed.inject(EnvironmentInjector));
    page.get(ServiceProbes);
    expect(orchestrator.getMetrics().services['Firestore']).toBeDefined();
    page.destroy();
    expect(orchestrator.isDisposed).toBeFalse();
    expect(Object.keys((await orchestrator.performHealthCheck()).services)).toEqual([]);
  });
});
