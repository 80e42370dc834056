import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

// Credentials must never reach a log line: request headers, and any field named like a token.
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'token',
  'idToken',
  'password',
  '*.token',
  '*.idToken',
  '*.password',
  'handshake.auth',
];

/**
 * JSON lines on stdout (pipe through `npx pino-pretty` to read them locally).
 * Tests pass their own destination to read what was logged.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'maestro-api' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
