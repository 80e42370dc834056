// For the reports pages' specs: the page at its route over the real API client and the app's
// interceptors; the HTTP backend is Angular's testing controller (the API's own tests and the
// journey run the real one). "Today" is 31 March 2026, noon.
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Session } from '../../core/auth/session';
import { SessionEnd } from '../../core/auth/session-end';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { apiErrorInterceptor, authTokenInterceptor } from '../../core/http/api-interceptors';
import { Notifier } from '../../core/notify/notifier';
import { CLOCK } from '../../core/time/clock';

export const PAGE_API_URL = 'http://api.test';

export interface PageHarness {
  harness: RouterTestingHarness;
  backend: HttpTestingController;
  /** The page's text, spaces folded. */
  text(): string;
  /** Lets requests answer and the page render (a few turns: signals, then the router). */
  settle(): Promise<void>;
}

export async function reportsPageHarness(path: string, component: Type<unknown>): Promise<PageHarness> {
  TestBed.configureTestingModule({
    providers: [
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      provideRouter([{ path, component }]),
      provideHttpClient(withInterceptors([apiErrorInterceptor, authTokenInterceptor])),
      provideHttpClientTesting(),
      { provide: APP_ENVIRONMENT, useValue: { apiUrl: PAGE_API_URL } },
      { provide: Session, useValue: { idToken: () => Promise.resolve('t') } },
      { provide: SessionEnd, useValue: { end: () => Promise.resolve() } },
      { provide: Notifier, useValue: { error: () => undefined, info: () => undefined } },
      { provide: CLOCK, useValue: { now: () => new Date(2026, 2, 31, 12), monotonicMs: () => 0 } },
    ],
  });
  const backend = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  return {
    harness,
    backend,
    text: () => (harness.routeNativeElement as HTMLElement).textContent!.replace(/\s+/g, ' '),
    settle: async () => {
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve));
        await harness.fixture.whenStable();
      }
    },
  };
}
