// For specs that call the real Orders API: scripts/karma-with-api.mjs starts it beside Karma (on a
// free port, under e2e/api-supervisor.mjs) and karma.conf.js hands its URLs to the browser here.
// A bare `ng test` starts no API: these specs then fail with the message below.

interface KarmaApiConfig {
  url: string | null;
  controlUrl: string | null;
}

interface KarmaApi {
  /** The API's base URL, as `AppEnvironment.apiUrl` (no trailing slash). */
  url: string;
  /** The supervisor's control routes: POST /stop?signal=…, POST /start. */
  controlUrl: string;
}

export function karmaApi(): KarmaApi {
  const karma = (globalThis as { __karma__?: { config?: { maestroApi?: KarmaApiConfig } } }).__karma__;
  const config = karma?.config?.maestroApi;
  if (!config?.url || !config.controlUrl) {
    throw new Error(
      'No Orders API in this Karma run. Run `npm run test:karma` (add `-- --include=…` for some specs) or `npm test -- karma`: they start one.',
    );
  }
  return { url: config.url, controlUrl: config.controlUrl };
}

/**
 * Kills the API (no goodbye to its sockets, its in-memory recovery sessions gone) and starts it
 * again; resolves once it answers /api/health.
 */
export async function restartApi(): Promise<void> {
  const { controlUrl } = karmaApi();
  for (const route of ['/stop?signal=SIGKILL', '/start']) {
    const response = await fetch(`${controlUrl}${route}`, { method: 'POST' });
    if (!response.ok) throw new Error(`The API supervisor refused ${route}: ${response.status} ${await response.text()}`);
  }
}
