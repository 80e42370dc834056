import { z } from 'zod';
import { DEFAULT_BUSINESS_TIME_ZONE, isTimeZone } from './reports/sales-calendar';

/** Everything the API reads from its environment, validated once at start-up. */
export interface Config {
  port: number;
  host: string;
  /** Browser origins allowed to call the API and open sockets (CORS). */
  spaOrigins: string[];
  projectId: string;
  logLevel: LogLevel;
  /** How long a graceful shutdown may take before the process is forced out. */
  shutdownGraceMs: number;
  /** The fulfillment saga's timings (see server/README.md). */
  saga: SagaConfig;
  /** Sealing the activity log into a hash chain (see server/README.md). */
  activitySeals: ActivitySealConfig;
  /** Rate limits per member, per client address and per socket (README, "Rate limits"). */
  rateLimits: RateLimitConfig;
  /** Redis for rate limits shared by every API node (MAESTRO_REDIS_URL); unset: this process's memory. */
  redisUrl?: string;
  /**
   * Proxies in front of the API whose X-Forwarded-For is believed (MAESTRO_TRUST_PROXY_HOPS):
   * per-address limits key on the client's address, not the load balancer's. 0: none.
   */
  trustProxyHops: number;
  /** How long GET /api/health reuses its Firestore check (MAESTRO_HEALTH_CACHE_MS). */
  healthCacheMs: number;
  /** The internal Prometheus listener (MAESTRO_METRICS_PORT, MAESTRO_METRICS_HOST); unset: none. */
  metrics?: MetricsListenerConfig;
  /**
   * The IANA zone the sales reports cut days and hours in (MAESTRO_BUSINESS_TIME_ZONE, UTC by
   * default). Changing it needs the sales aggregates rebuilt (POST /api/admin/reports/sales/rebuild).
   */
  businessTimeZone: string;
  /**
   * MAESTRO_REALTIME_COALESCE_MS: a burst of changes to one order within this window reaches the
   * sockets as its first event plus one `order:updated` with the latest order. 0 (default): off.
   */
  realtimeCoalesceMs: number;
}

/** Where GET /metrics listens: never the public port (README, "Running in production"). */
export interface MetricsListenerConfig {
  port: number;
  /** 127.0.0.1 by default: only this machine's scraper reads it. */
  host: string;
}

/** At most `points` in `durationSeconds` (a fixed window that starts with the first one). */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export interface RateLimitConfig {
  /** POST, PUT, PATCH and DELETE under /api, per member. */
  memberWrites: RateLimit;
  /** GET under /api, per member (a list, an order's history). */
  memberReads: RateLimit;
  /** Routes without sign-in (GET /api/health), per client address. */
  publicPerIp: RateLimit;
  /** Refused sign-ins (401, 403 not_a_member; HTTP and socket handshakes) per client address; past it the address is blocked. */
  authFailuresPerIp: RateLimit & { blockSeconds: number };
  /** Socket `join` messages, per member. */
  socketJoins: RateLimit;
  /** Sockets open at once, per member (every tab, display and tablet signed in as them). */
  socketsPerMember: number;
}

/** The defaults (README, "Rate limits"): far above what a busy kitchen does, far below a script. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  memberWrites: { points: 300, durationSeconds: 60 },
  memberReads: { points: 1200, durationSeconds: 60 },
  publicPerIp: { points: 300, durationSeconds: 60 },
  authFailuresPerIp: { points: 100, durationSeconds: 600, blockSeconds: 300 },
  socketJoins: { points: 120, durationSeconds: 60 },
  socketsPerMember: 30,
};

export interface ActivitySealConfig {
  /** How often each API node seals settled entries; 0 = only on demand (POST /api/admin/activity/seal). */
  intervalMs: number;
  /** Entries younger than this are left for a later run, so a late commit is never skipped. */
  settleMs: number;
  /** Entries per seal: keeps a seal document small (ids and hashes, ~100 bytes each). */
  maxEntriesPerSeal: number;
}

export interface SagaConfig {
  /** A step (or a compensation) that has not answered by then counts as failed. */
  stepTimeoutMs: number;
  /** How long a node owns a saga after its last write; an unfinished saga past it is recovered. */
  leaseMs: number;
  /** Test mode only: honour the X-Maestro-Faults header (error, timeout, crash per step). */
  faultInjection: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A configuration that cannot work; its message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_SPA_ORIGINS = 'http://127.0.0.1:4200,http://localhost:4200';

// Firebase project ids: 6–30 lowercase letters, digits and hyphens, starting with a letter.
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number from ${min} to ${max}` })
    .int({ error: `${name} must be a whole number from ${min} to ${max}` })
    .min(min, { error: `${name} must be a whole number from ${min} to ${max}` })
    .max(max, { error: `${name} must be a whole number from ${min} to ${max}` });

// A count of the variable's own name in a fixed window (the window is not configurable).
const perWindow = (name: string) =>
  z.object({ points: wholeNumber(name, 1, 1_000_000), durationSeconds: z.number() });

const origin = z.string().refine(isOrigin, {
  error: (issue) =>
    `MAESTRO_SPA_ORIGINS: "${String(issue.input)}" is not an origin; write scheme://host[:port] with no path, e.g. http://127.0.0.1:4200`,
});

const schema = z.object({
  port: wholeNumber('PORT', 0, 65535),
  host: z.string().min(1),
  spaOrigins: z
    .array(origin)
    .min(1, { error: 'MAESTRO_SPA_ORIGINS must list at least one origin' }),
  projectId: z.string().regex(PROJECT_ID, {
    error: (issue) =>
      `project id "${String(issue.input)}" (GCLOUD_PROJECT / FIREBASE_PROJECT_ID) is not a Firebase project id: 6-30 lowercase letters, digits or hyphens`,
  }),
  logLevel: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }),
  shutdownGraceMs: wholeNumber('SHUTDOWN_GRACE_MS', 0, 600_000),
  saga: z
    .object({
      stepTimeoutMs: wholeNumber('MAESTRO_SAGA_STEP_TIMEOUT_MS', 50, 60_000),
      leaseMs: wholeNumber('MAESTRO_SAGA_LEASE_MS', 200, 3_600_000),
      faultInjection: z.boolean(),
    })
    // A live saga renews its lease at every step: a lease shorter than two steps would let
    // another node take over a saga that is merely slow.
    .refine((saga) => saga.leaseMs >= 2 * saga.stepTimeoutMs, {
      error: 'MAESTRO_SAGA_LEASE_MS must be at least twice MAESTRO_SAGA_STEP_TIMEOUT_MS',
    }),
  activitySeals: z.object({
    intervalMs: wholeNumber('MAESTRO_ACTIVITY_SEAL_INTERVAL_MS', 0, 86_400_000),
    settleMs: wholeNumber('MAESTRO_ACTIVITY_SEAL_SETTLE_MS', 0, 600_000),
    maxEntriesPerSeal: wholeNumber('MAESTRO_ACTIVITY_SEAL_MAX_ENTRIES', 1, 2000),
  }),
  rateLimits: z.object({
    memberWrites: perWindow('MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE'),
    memberReads: perWindow('MAESTRO_RATE_LIMIT_READS_PER_MINUTE'),
    publicPerIp: perWindow('MAESTRO_RATE_LIMIT_PUBLIC_PER_MINUTE'),
    authFailuresPerIp: perWindow('MAESTRO_RATE_LIMIT_AUTH_FAILURES_PER_10_MINUTES').extend({
      blockSeconds: wholeNumber('MAESTRO_RATE_LIMIT_AUTH_BLOCK_SECONDS', 1, 86_400),
    }),
    socketJoins: perWindow('MAESTRO_RATE_LIMIT_JOINS_PER_MINUTE'),
    socketsPerMember: wholeNumber('MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER', 1, 100_000),
  }),
  redisUrl: z
    .string()
    .refine(isRedisUrl, {
      error: 'MAESTRO_REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
    })
    .optional(),
  trustProxyHops: wholeNumber('MAESTRO_TRUST_PROXY_HOPS', 0, 10),
  healthCacheMs: wholeNumber('MAESTRO_HEALTH_CACHE_MS', 0, 60_000),
  metrics: z
    .object({
      port: wholeNumber('MAESTRO_METRICS_PORT', 0, 65535),
      host: z.string().min(1),
    })
    .optional(),
  businessTimeZone: z.string().refine(isTimeZone, {
    error: (issue) =>
      `MAESTRO_BUSINESS_TIME_ZONE: "${String(issue.input)}" is not a time zone; write an IANA name such as Europe/Paris or UTC`,
  }),
  // Past a second a held change would be late enough for people at the board to notice.
  realtimeCoalesceMs: wholeNumber('MAESTRO_REALTIME_COALESCE_MS', 0, 1000),
});

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const projectId = projectIdFrom(env, problems);
  const result = schema.safeParse({
    port: valueOf(env, 'PORT') ?? '3001',
    host: valueOf(env, 'HOST') ?? '127.0.0.1',
    spaOrigins: (valueOf(env, 'MAESTRO_SPA_ORIGINS') ?? DEFAULT_SPA_ORIGINS)
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
    projectId,
    logLevel: valueOf(env, 'LOG_LEVEL') ?? 'info',
    shutdownGraceMs: valueOf(env, 'SHUTDOWN_GRACE_MS') ?? '10000',
    saga: {
      stepTimeoutMs: valueOf(env, 'MAESTRO_SAGA_STEP_TIMEOUT_MS') ?? '5000',
      leaseMs: valueOf(env, 'MAESTRO_SAGA_LEASE_MS') ?? '30000',
      faultInjection: faultInjectionFrom(env, problems),
    },
    activitySeals: {
      intervalMs: valueOf(env, 'MAESTRO_ACTIVITY_SEAL_INTERVAL_MS') ?? '30000',
      settleMs: valueOf(env, 'MAESTRO_ACTIVITY_SEAL_SETTLE_MS') ?? '5000',
      maxEntriesPerSeal: valueOf(env, 'MAESTRO_ACTIVITY_SEAL_MAX_ENTRIES') ?? '500',
    },
    rateLimits: rateLimitsFrom(env),
    redisUrl: valueOf(env, 'MAESTRO_REDIS_URL'),
    trustProxyHops: valueOf(env, 'MAESTRO_TRUST_PROXY_HOPS') ?? '0',
    healthCacheMs: valueOf(env, 'MAESTRO_HEALTH_CACHE_MS') ?? '5000',
    metrics: metricsFrom(env, problems),
    businessTimeZone: valueOf(env, 'MAESTRO_BUSINESS_TIME_ZONE') ?? DEFAULT_BUSINESS_TIME_ZONE,
    realtimeCoalesceMs: valueOf(env, 'MAESTRO_REALTIME_COALESCE_MS') ?? '0',
  });
  if (!result.success) problems.push(...result.error.issues.map((issue) => issue.message));
  // The public API never serves the metrics: they need a listener of their own (0: any free port).
  const metricsPort = result.data?.metrics?.port;
  if (metricsPort && metricsPort === result.data?.port)
    problems.push(
      'MAESTRO_METRICS_PORT must differ from PORT: metrics have a listener of their own',
    );
  problems.push(...emulatorProblems(env, projectId));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

function rateLimitsFrom(env: NodeJS.ProcessEnv) {
  const limits = DEFAULT_RATE_LIMITS;
  const points = (name: string, limit: RateLimit) => ({
    points: valueOf(env, name) ?? String(limit.points),
    durationSeconds: limit.durationSeconds,
  });
  return {
    memberWrites: points('MAESTRO_RATE_LIMIT_WRITES_PER_MINUTE', limits.memberWrites),
    memberReads: points('MAESTRO_RATE_LIMIT_READS_PER_MINUTE', limits.memberReads),
    publicPerIp: points('MAESTRO_RATE_LIMIT_PUBLIC_PER_MINUTE', limits.publicPerIp),
    authFailuresPerIp: {
      ...points('MAESTRO_RATE_LIMIT_AUTH_FAILURES_PER_10_MINUTES', limits.authFailuresPerIp),
      blockSeconds:
        valueOf(env, 'MAESTRO_RATE_LIMIT_AUTH_BLOCK_SECONDS') ??
        String(limits.authFailuresPerIp.blockSeconds),
    },
    socketJoins: points('MAESTRO_RATE_LIMIT_JOINS_PER_MINUTE', limits.socketJoins),
    socketsPerMember:
      valueOf(env, 'MAESTRO_RATE_LIMIT_SOCKETS_PER_MEMBER') ?? String(limits.socketsPerMember),
  };
}

// No MAESTRO_METRICS_PORT: no metrics listener. A host without a port would silently do nothing.
function metricsFrom(env: NodeJS.ProcessEnv, problems: string[]) {
  const port = valueOf(env, 'MAESTRO_METRICS_PORT');
  const host = valueOf(env, 'MAESTRO_METRICS_HOST');
  if (port === undefined) {
    if (host !== undefined)
      problems.push(
        'MAESTRO_METRICS_HOST is set without MAESTRO_METRICS_PORT: set both, or neither (metrics off)',
      );
    return undefined;
  }
  return { port, host: host ?? '127.0.0.1' };
}

// An empty variable (`PORT=`) means "use the default", not "zero" or "empty origin list".
function valueOf(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function projectIdFrom(env: NodeJS.ProcessEnv, problems: string[]): string {
  const gcloud = valueOf(env, 'GCLOUD_PROJECT');
  const firebase = valueOf(env, 'FIREBASE_PROJECT_ID');
  // Two different ids would make the API verify tokens of one project and read data of another.
  if (gcloud !== undefined && firebase !== undefined && gcloud !== firebase) {
    problems.push(
      `GCLOUD_PROJECT ("${gcloud}") and FIREBASE_PROJECT_ID ("${firebase}") disagree; set one, or both alike`,
    );
  }
  return gcloud ?? firebase ?? 'demo-maestro';
}

/** The variables that point firebase-admin at a local emulator instead of Google's servers. */
export const EMULATOR_VARIABLES = ['FIREBASE_AUTH_EMULATOR_HOST', 'FIRESTORE_EMULATOR_HOST'] as const;

// Against the Auth emulator firebase-admin accepts unsigned tokens, forged claims included: one
// stray variable on a real project would let anyone in as an admin. Emulators are for demo-* only.
function emulatorProblems(env: NodeJS.ProcessEnv, projectId: string): string[] {
  if (projectId.startsWith('demo-')) return [];
  return EMULATOR_VARIABLES.filter((name) => valueOf(env, name) !== undefined).map(
    (name) =>
      `${name} is set, but the project "${projectId}" is not a demo-* project: emulators are for local demo projects only (unset it in production)`,
  );
}

// Fault injection can crash the process on request: it exists for tests and nowhere else.
function faultInjectionFrom(env: NodeJS.ProcessEnv, problems: string[]): boolean {
  const flag = valueOf(env, 'MAESTRO_FAULT_INJECTION');
  if (flag === undefined || flag === '0') return false;
  if (flag !== '1') {
    problems.push('MAESTRO_FAULT_INJECTION must be 1 or 0');
    return false;
  }
  if (env['NODE_ENV'] !== 'test') {
    problems.push(
      'MAESTRO_FAULT_INJECTION=1 is refused unless NODE_ENV=test (it can crash the API)',
    );
    return false;
  }
  return true;
}

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
