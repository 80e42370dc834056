import type { RequestHandler, Response } from 'express';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ExtendedError } from 'socket.io';
import type { RateLimit, RateLimitConfig } from '../config';
import { ApiError } from '../http/api-error';
import type { Logger } from '../logger';
import type { MaestroSocket } from '../realtime/realtime-types';
import { clientIp } from './client-ip';
import type { LimiterStore } from './limiter-store';

export type SocketMiddleware = (
  socket: MaestroSocket,
  next: (error?: ExtendedError) => void,
) => void | Promise<void>;

/**
 * Every rate limit of the API (README, "Rate limits"). A refusal is a 429 with `Retry-After`
 * (seconds) and `{ error: { code: 'rate_limited', message } }`; on a socket the same
 * `{ code, message }` is the handshake's `connect_error` data or the join's ack error.
 */
export interface RateLimits {
  /** Routes without sign-in (GET /api/health): per client address. */
  publicRoute: RequestHandler;
  /**
   * Wraps `authenticate`: an address blocked for refused sign-ins is refused before its token is
   * checked (no Auth call); a refused token (401 but an expired one, 403 not_a_member) counts
   * against its address.
   */
  guardAuthentication(authenticate: RequestHandler): RequestHandler;
  /** After `authenticate`: writes (POST, PUT, PATCH, DELETE) and reads per member. */
  memberRequests: RequestHandler;
  /** Wraps the handshake's token check like `guardAuthentication`; a handshake counts as a public request of its address. */
  guardSocketAuthentication(authenticate: SocketMiddleware): SocketMiddleware;
  /** After the token check: sockets open at once per member. Register it last. */
  socketConnections: SocketMiddleware;
  /** `join` messages per member, answered `{ ok: false, error }` past the limit. */
  limitJoins(socket: MaestroSocket): void;
  /** Stops the timers (the app is closing). */
  close(): void;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// What a handshake refusal carries (socket-authentication.ts): the codes of a refused token that
// count against the address. Not `token_expired`: firebase-admin checks a token's signature before
// its expiry, so an expired token was Firebase's own, minted for a real sign-in; it is what every
// screen sends after a laptop wakes up, and no credential stuffer can make one up (in production).
const COUNTED_TOKEN_CODES = new Set(['unauthenticated', 'not_a_member']);

export function createRateLimits(deps: {
  config: RateLimitConfig;
  store: LimiterStore;
  logger: Logger;
  /** Proxies whose X-Forwarded-For is believed (MAESTRO_TRUST_PROXY_HOPS). */
  trustedHops: number;
  /** Told of every refusal, by the RateLimitConfig key of the limit (metrics). */
  onRefused?: (limit: keyof RateLimitConfig) => void;
}): RateLimits {
  const { config, store, logger, trustedHops } = deps;
  const refused = deps.onRefused ?? (() => undefined);
  const writes = store.limiter('writes', config.memberWrites);
  const reads = store.limiter('reads', config.memberReads);
  const publicRequests = store.limiter('public', config.publicPerIp);
  // Per node, never shared: a load balancer probes every node's health each second from one
  // address, and a shared count would add the probes of all nodes up until they are refused and
  // the balancer takes every node out. Probes are cheap anyway (one cached Firestore read).
  const healthProbes = store.local('health', config.publicPerIp);
  const authFailures = store.limiter('auth-failures', config.authFailuresPerIp);
  const joins = store.limiter('joins', config.socketJoins);
  const sockets = store.openSockets(config.socketsPerMember);

  /** Takes one point; the refusal when the key is over its limit, else null. */
  const take = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      await limiter.consume(key);
      return null;
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return outcome;
      // The store failed (Redis without its insurance): let the caller in rather than fail them.
      logger.warn({ err: outcome, limiter: limiter.keyPrefix }, 'rate limiter unavailable');
      return null;
    }
  };

  /** The remaining block of an address refused too often, or null. */
  const blockOf = async (ip: string) => {
    try {
      const state = await authFailures.get(ip);
      return state && state.consumedPoints > authFailures.points ? state : null;
    } catch (error) {
      logger.warn({ err: error }, 'rate limiter unavailable');
      return null;
    }
  };

  const countFailure = async (ip: string) => {
    const refusal = await take(authFailures, ip);
    if (refusal)
      logger.warn(
        { ip, blockSeconds: seconds(refusal) },
        'address blocked: too many refused sign-ins',
      );
  };

  const blockedMessage = (refusal: RateLimiterRes) =>
    `Too many refused sign-ins from your address, so it is blocked for now. Wait ${seconds(refusal)} s, then sign in again.`;
  const publicMessage = (refusal: RateLimiterRes) =>
    `Too many requests from your address (at most ${rate(config.publicPerIp)}). Wait ${seconds(refusal)} s and try again.`;

  return {
    publicRoute: async (req, res, next) => {
      const refusal = await take(healthProbes, clientIp(req, trustedHops));
      if (refusal) {
        refused('publicPerIp');
        throw tooMany(res, refusal, publicMessage(refusal), 'public requests per address');
      }
      next();
    },

    guardAuthentication: (authenticate) => async (req, res, next) => {
      const ip = clientIp(req, trustedHops);
      const block = await blockOf(ip);
      if (block) {
        refused('authFailuresPerIp');
        throw tooMany(res, block, blockedMessage(block), 'address blocked after refused sign-ins');
      }
      try {
        await authenticate(req, res, next);
      } catch (error) {
        if (isRefusedToken(error)) await countFailure(ip);
        throw error;
      }
    },

    memberRequests: async (req, res, next) => {
      const uid = req.user?.uid;
      if (uid === undefined) return next();
      const write = WRITE_METHODS.has(req.method);
      const limit = write ? config.memberWrites : config.memberReads;
      const refusal = await take(write ? writes : reads, uid);
      if (refusal) {
        refused(write ? 'memberWrites' : 'memberReads');
        const what = write ? 'changes' : 'requests';
        throw tooMany(
          res,
          refusal,
          `Too many ${what} from your account (at most ${rate(limit)}). Wait ${seconds(refusal)} s and try again.`,
          write ? 'writes per member' : 'reads per member',
        );
      }
      next();
    },

    guardSocketAuthentication: (authenticate) => async (socket, next) => {
      const ip = clientIp(socket.request, trustedHops);
      const block = await blockOf(ip);
      if (block) {
        refused('authFailuresPerIp');
        return next(socketRefusal(blockedMessage(block)));
      }
      const refusal = await take(publicRequests, ip);
      if (refusal) {
        refused('publicPerIp');
        return next(socketRefusal(publicMessage(refusal)));
      }
      await authenticate(socket, (error) => {
        const code = (error?.data as { code?: unknown } | undefined)?.code;
        if (typeof code === 'string' && COUNTED_TOKEN_CODES.has(code)) {
          void countFailure(ip).finally(() => next(error));
        } else {
          next(error);
        }
      });
    },

    socketConnections: async (socket, next) => {
      const uid = socket.data.user.uid;
      if (!(await sockets.open(uid, socket.id))) {
        refused('socketsPerMember');
        logger.info({ uid, socketId: socket.id }, 'socket refused: too many open for this member');
        return next(
          socketRefusal(
            `Your account has ${config.socketsPerMember} live connections open already, the most allowed at once. Close a tab or a screen you no longer use, then reload.`,
          ),
        );
      }
      const release = () => sockets.close(uid, socket.id);
      // A socket that connected ends with `disconnect`; one whose client left during the
      // handshake never connects, but its transport still closes.
      socket.once('disconnect', release);
      socket.conn.once('close', release);
      next();
    },

    limitJoins: (socket) => {
      socket.use(([event, ...args], next) => {
        if (event !== 'join') return next();
        void take(joins, socket.data.user.uid).then((refusal) => {
          if (!refusal) return next();
          refused('socketJoins');
          // Not passed on: the join is not made; the client hears why through its ack.
          const ack = args.at(-1);
          if (typeof ack === 'function') {
            (ack as (reply: unknown) => void)({
              ok: false,
              error: {
                code: 'rate_limited',
                message: `Too many room joins from your account (at most ${rate(config.socketJoins)}). Wait ${seconds(refusal)} s, then reconnect.`,
              },
            });
          }
        });
      });
    },
    close: () => sockets.stop(),
  };
}

/** Whole seconds until the limit lets the key in again (at least 1). */
function seconds(refusal: RateLimiterRes): number {
  return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}

/** "300 a minute", "100 every 10 minutes", "5 every 30 seconds". */
function rate(limit: RateLimit): string {
  const s = limit.durationSeconds;
  if (s === 60) return `${limit.points} a minute`;
  return `${limit.points} every ${s % 60 === 0 ? `${s / 60} minutes` : `${s} seconds`}`;
}

function tooMany(
  res: Response,
  refusal: RateLimiterRes,
  message: string,
  reason: string,
): ApiError {
  res.set('Retry-After', String(seconds(refusal)));
  return new ApiError(429, 'rate_limited', message, { reason });
}

function socketRefusal(message: string): ExtendedError {
  const error: ExtendedError = new Error(message);
  error.data = { code: 'rate_limited', message };
  return error;
}

function isRefusedToken(error: unknown): boolean {
  return error instanceof ApiError && COUNTED_TOKEN_CODES.has(error.code);
}
