import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, DEFAULT_RATE_LIMITS, loadConfig } from '../src/config';

describe('loadConfig', () => {
  test('defaults', () => {
    assert.deepEqual(loadConfig({}), {
      port: 3001,
      host: '127.0.0.1',
      spaOrigins: ['http://127.0.0.1:4200', 'http://localhost:4200'],
      projectId: 'demo-maestro',
      logLevel: 'info',
      shutdownGraceMs: 10000,
      saga: { stepTimeoutMs: 5000, leaseMs: 30000, faultInjection: false },
      activitySeals: { intervalMs: 30000, settleMs: 5000, maxEntriesPerSeal: 500 },
      rateLimits: DEFAULT_RATE_LIMITS,
      redisUrl: undefined,
      trustProxyHops: 0,
      healthCacheMs: 5000,
      metrics: undefined,
      businessTimeZone: 'UTC',
      realtimeCoalesceMs: 0,
    });
  });

  test('realtime coalescing: off by default, a window of 0 to 1000 ms, refused with words', () => {
    assert.equal(loadConfig({ MAESTRO_REALTIME_COALESCE_MS: '50' }).realtimeCoalesceMs, 50);
    assert.equal(loadConfig({ MAESTRO_REALTIME_COALESCE_MS: ' ' }).realtimeCoalesceMs, 0);
    for (const bad of ['-1', '1001', '50ms', '12.5']) {
      assert.throws(
        () => loadConfig({ MAESTRO_REALTIME_COALESCE_MS: bad }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.problems.includes('MAESTRO_REALTIME_COALESCE_MS must be a whole number from 0 to 1000'),
        bad,
      );
    }
  });

  test('the business time zone: an IANA name, or refused with words', () => {
    assert.equal(loadConfig({ MAESTRO_BUSINESS_TIME_ZONE: 'Europe/Paris' }).businessTimeZone, 'Europe/Paris');
    assert.throws(
      () => loadConfig({ MAESTRO_BUSINESS_TIME_ZONE: 'Mars/Olympus' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.some((problem) =>
          problem.includes('MAESTRO_BUSINESS_TIME_ZONE: "Mars/Olympus" is not a time zone'),
        ),
    );
  });

  test('reads every variable; blank means default', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      MAESTRO_SPA_ORIGINS: ' https://maestro.example.com , http://127.0.0.1:4200 ',
      FIREBASE_PROJECT_ID: 'maestro-prod',
      LOG_LEVEL: 'debug',
      SHUTDOWN_GRACE_MS: '',
    });
    assert.equal(config.port, 0);
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.spaOrigins, ['https://maestro.example.com', 'http://127.0.0.1:4200']);
    assert.equal(config.projectId, 'maestro-prod');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.shutdownGraceMs, 10000);
  });

  test('emulator variables are refused for a project that is not demo-* (unsigned tokens would pass)', () => {
    assert.throws(
      () => loadConfig({ GCLOUD_PROJECT: 'maestro-prod', FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'FIREBASE_AUTH_EMULATOR_HOST is set, but the project "maestro-prod" is not a demo-* project: emulators are for local demo projects only (unset it in production)',
          'FIRESTORE_EMULATOR_HOST is set, but the project "maestro-prod" is not a demo-* project: emulators are for local demo projects only (unset it in production)',
        ]);
        return true;
      },
    );
    assert.equal(loadConfig({ GCLOUD_PROJECT: 'demo-maestro', FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' }).projectId, 'demo-maestro');
    assert.equal(loadConfig({ GCLOUD_PROJECT: 'maestro-prod', FIREBASE_AUTH_EMULATOR_HOST: ' ' }).projectId, 'maestro-prod', 'an empty variable is unset');
  });

  test('bad values fail with one readable line each', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: 'abc',
          MAESTRO_SPA_ORIGINS: 'http://127.0.0.1:4200/app',
          LOG_LEVEL: 'loud',
          SHUTDOWN_GRACE_MS: '-1',
          GCLOUD_PROJECT: 'demo-maestro',
          FIREBASE_PROJECT_ID: 'demo-other',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'GCLOUD_PROJECT ("demo-maestro") and FIREBASE_PROJECT_ID ("demo-other") disagree; set one, or both alike',
          'PORT must be a whole number from 0 to 65535',
          'MAESTRO_SPA_ORIGINS: "http://127.0.0.1:4200/app" is not an origin; write scheme://host[:port] with no path, e.g. http://127.0.0.1:4200',
          'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
          'SHUTDOWN_GRACE_MS must be a whole number from 0 to 600000',
        ]);
        assert.match(error.message, /^Invalid configuration:\n {2}- GCLOUD_PROJECT/);
        return true;
      },
    );
  });

  test('saga timings; fault injection only with NODE_ENV=test', () => {
    const env = { MAESTRO_SAGA_STEP_TIMEOUT_MS: '300', MAESTRO_SAGA_LEASE_MS: '1000' };
    assert.deepEqual(loadConfig({ ...env, NODE_ENV: 'test', MAESTRO_FAULT_INJECTION: '1' }).saga, {
      stepTimeoutMs: 300,
      leaseMs: 1000,
      faultInjection: true,
    });
    for (const NODE_ENV of [undefined, 'production', 'development']) {
      assert.throws(
        () => loadConfig({ NODE_ENV, MAESTRO_FAULT_INJECTION: '1' }),
        /MAESTRO_FAULT_INJECTION=1 is refused unless NODE_ENV=test/,
      );
    }
    assert.throws(
      () => loadConfig({ MAESTRO_SAGA_STEP_TIMEOUT_MS: '5000', MAESTRO_SAGA_LEASE_MS: '6000' }),
      /MAESTRO_SAGA_LEASE_MS must be at least twice MAESTRO_SAGA_STEP_TIMEOUT_MS/,
    );
  });

  test('rate limits, their Redis, trusted proxies and the health cache', () => {
    const config = loadConfig({
      MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE: '50',
      MAESTRO_RATE_LIMIT_READS_PER_MINUTE: '500',
      MAESTRO_RATE_LIMIT_PUBLIC_PER_MINUTE: '60',
      MAESTRO_RATE_LIMIT_AUTH_FAILURES_PER_10_MINUTES: '20',
      MAESTRO_RATE_LIMIT_AUTH_BLOCK_SECONDS: '900',
      MAESTRO_RATE_LIMIT_JOINS_PER_MINUTE: '30',
      MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER: '5',
      MAESTRO_REDIS_URL: 'redis://redis.internal:6379/0',
      MAESTRO_TRUST_PROXY_HOPS: '1',
      MAESTRO_HEALTH_CACHE_MS: '0',
    });
    assert.deepEqual(config.rateLimits, {
      memberWrites: { points: 50, durationSeconds: 60 },
      memberReads: { points: 500, durationSeconds: 60 },
      publicPerIp: { points: 60, durationSeconds: 60 },
      authFailuresPerIp: { points: 20, durationSeconds: 600, blockSeconds: 900 },
      socketJoins: { points: 30, durationSeconds: 60 },
      socketsPerMember: 5,
    });
    assert.equal(config.redisUrl, 'redis://redis.internal:6379/0');
    assert.equal(config.trustProxyHops, 1);
    assert.equal(config.healthCacheMs, 0);
    assert.throws(
      () =>
        loadConfig({
          MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE: '0',
          MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER: 'many',
          MAESTRO_REDIS_URL: 'http://redis:6379',
          MAESTRO_TRUST_PROXY_HOPS: '-1',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE must be a whole number from 1 to 1000000',
          'MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER must be a whole number from 1 to 100000',
          'MAESTRO_REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
          'MAESTRO_TRUST_PROXY_HOPS must be a whole number from 0 to 10',
        ]);
        return true;
      },
    );
  });

  test('metrics: their own listener, on 127.0.0.1 unless told, off without a port', () => {
    assert.deepEqual(loadConfig({ MAESTRO_METRICS_PORT: '9464' }).metrics, {
      port: 9464,
      host: '127.0.0.1',
    });
    assert.deepEqual(
      loadConfig({ MAESTRO_METRICS_PORT: '9464', MAESTRO_METRICS_HOST: '10.0.0.5' }).metrics,
      { port: 9464, host: '10.0.0.5' },
    );
    assert.equal(loadConfig({ MAESTRO_METRICS_PORT: ' ' }).metrics, undefined);
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.problems;
      }
    };
    assert.deepEqual(problems({ MAESTRO_METRICS_PORT: 'nine' }), [
      'MAESTRO_METRICS_PORT must be a whole number from 0 to 65535',
    ]);
    assert.deepEqual(problems({ PORT: '8080', MAESTRO_METRICS_PORT: '8080' }), [
      'MAESTRO_METRICS_PORT must differ from PORT: metrics have a listener of their own',
    ]);
    assert.deepEqual(problems({ MAESTRO_METRICS_HOST: '0.0.0.0' }), [
      'MAESTRO_METRICS_HOST is set without MAESTRO_METRICS_PORT: set both, or neither (metrics off)',
    ]);
  });

  test('a project id that is not one is refused', () => {
    assert.throws(
      () => loadConfig({ GCLOUD_PROJECT: 'Demo Maestro' }),
      /is not a Firebase project id/,
    );
  });
});
