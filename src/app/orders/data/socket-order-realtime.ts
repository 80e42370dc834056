import { Injectable, effect, inject, untracked } from '@angular/core';
import {
  MENU_EVENT_NAMES,
  ORDER_EVENT_NAMES,
  SESSION_ENDED_EVENT,
  SESSION_REFRESH_MESSAGE,
  SESSION_REFRESH_REQUIRED_EVENT,
  SYNC_REQUIRED_EVENT,
  type JoinAck,
  type SessionEnded,
  type SessionRefreshAck,
  type OrderEventName,
  type OrderEventPayloads,
  type OrderServerToClientEvents,
  type RealtimeRoom,
} from '@maestro/contracts';
import type { Socket } from 'socket.io-client';
import { Session } from '../../core/auth/session';
import { SessionEnd } from '../../core/auth/session-end';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { LOGGER } from '../../core/logging/logger';
import { MenuLive, type MenuEvent } from '../../core/realtime/menu-live';
import { HANDSHAKE_RETRY_MS, RATE_LIMITED_RETRY_MS, afterHandshakeRefusal, isTokenRefusal } from './handshake-refusal';
import type { ConnectionState, OrderEvents, OrderRealtime } from './order-realtime';

interface ClientToServer {
  join: (request: { rooms: readonly RealtimeRoom[] }, ack: (reply: JoinAck) => void) => void;
  'session:refresh': (request: { token: string }, ack: (reply: SessionRefreshAck) => void) => void;
}
type OrderSocket = Socket<OrderServerToClientEvents, ClientToServer>;

/** After this long reconnecting, the screen says "offline since …" (it keeps retrying). */
export const OFFLINE_AFTER_MS = 10_000;
/** No token could be minted (the network, most likely): the handshake is tried again after this long. */
const NO_TOKEN_RETRY_MS = 5_000;

/**
 * socket.io with the API's rules: an ID token at every (re)connection, rooms chosen on join,
 * connection-state recovery. A recovered reconnection got its missed events replayed and kept
 * its rooms; any other connection joins again and asks for a resync, so nothing is missed.
 * Signed out, it does not knock: it waits for the next sign-in (a handshake without a valid token
 * is refused and counts against the address, see handshake-refusal.ts).
 */
@Injectable()
export class SocketOrderRealtime implements OrderRealtime {
  private readonly session = inject(Session);
  private readonly sessionEnd = inject(SessionEnd);
  private readonly apiUrl = inject(APP_ENVIRONMENT).apiUrl;
  private readonly logger = inject(LOGGER);
  private readonly menuLive = inject(MenuLive);
  private socket: OrderSocket | null = null;
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** The socket stopped because nobody is signed in; it connects again at the next sign-in. */
  private waitingForSignIn: (() => void) | null = null;
  /** Stops the open socket until the next sign-in. */
  private pauseForSignIn: (() => void) | null = null;

  constructor() {
    // Signed out (the menu, another tab, an ended session): the socket stops, so it neither keeps
    // the last member's session open nor knocks without a token; the next sign-in connects again.
    effect(() => {
      const signedIn = this.session.status() === 'signed-in';
      untracked(() => {
        if (!signedIn) return this.pauseForSignIn?.();
        const resume = this.waitingForSignIn;
        this.waitingForSignIn = null;
        resume?.();
      });
    });
  }

  connect(rooms: readonly RealtimeRoom[], events: OrderEvents): void {
    this.disconnect();
    const generation = ++this.generation;
    let state: ConnectionState | null = null;
    let since = new Date();
    const enter = (next: ConnectionState) => {
      if (next === state) return;
      // "Offline since" counts from when the connection was lost, not from when we gave up hope.
      if (!(state === 'reconnecting' && next === 'offline')) since = new Date();
      state = next;
      events.connection(next, since);
    };
    const lost = () => {
      enter('reconnecting');
      clearTimeout(this.offlineTimer);
      this.offlineTimer = setTimeout(() => enter('offline'), OFFLINE_AFTER_MS);
    };
    let refreshToken = false;
    let tokenRefusals = 0;
    enter('connecting');
    /** Stops knocking: a handshake now could only be refused. The next sign-in connects again. */
    const waitForSignIn = (socket: OrderSocket) => {
      if (this.waitingForSignIn) return;
      socket.disconnect();
      clearTimeout(this.retryTimer);
      clearTimeout(this.offlineTimer);
      enter('offline');
      this.waitingForSignIn = () => {
        if (this.socket !== socket) return;
        refreshToken = false;
        tokenRefusals = 0;
        enter('connecting');
        socket.connect();
      };
    };

    void import('socket.io-client').then(({ io }) => {
      if (generation !== this.generation) return; // disconnected while the library loaded
      const socket: OrderSocket = io(this.apiUrl, {
        transports: ['websocket'],
        reconnectionDelayMax: 5_000,
        // A fresh token at every attempt: the SDK renews an expired one; after a refusal, force it.
        // No token, no handshake: the API would refuse it (and count it against the address).
        auth: (send) => {
          void this.session.idToken(refreshToken).then(
            (token) => {
              if (token) send({ token });
              else waitForSignIn(socket);
            },
            (error: unknown) => {
              this.logger.warn('orders realtime: no token for the connection', { error });
              socket.disconnect();
              lost();
              this.retryLater(socket, NO_TOKEN_RETRY_MS);
            },
          );
        },
      });
      this.socket = socket;
      this.pauseForSignIn = () => waitForSignIn(socket);

      socket.on('connect', () => {
        clearTimeout(this.offlineTimer);
        refreshToken = false;
        tokenRefusals = 0;
        if (socket.recovered) {
          enter('live');
          return;
        }
        socket.emit('join', { rooms }, (reply) => {
          if (!reply.ok) {
            this.logger.error('orders realtime: join refused', { reply });
            socket.disconnect();
            lost();
            // Joined again later (too many joins: after a pause), not never.
            this.retryLater(socket, reply.error.code === 'rate_limited' ? RATE_LIMITED_RETRY_MS : HANDSHAKE_RETRY_MS);
            return;
          }
          enter('live');
          events.resync();
        });
      });
      socket.on(SYNC_REQUIRED_EVENT, () => events.resync());
      // The server closes a socket when its token runs out: hand it a fresh one first, so the
      // connection (and every event on it) carries on.
      socket.on(SESSION_REFRESH_REQUIRED_EVENT, () => this.refreshSession(socket));
      socket.on(SESSION_ENDED_EVENT, (why: SessionEnded) => {
        if (why.code === 'session_revoked') {
          // An admin disabled or demoted this account: nothing to retry, sign in again.
          waitForSignIn(socket);
          void this.sessionEnd.end(why.message);
          return;
        }
        refreshToken = true; // token_expired: the reconnection brings a fresh one
      });
      for (const name of ORDER_EVENT_NAMES) {
        // Cast: socket.io's typed `on` cannot follow a name chosen in a loop.
        socket.on(name, ((payload: OrderEventPayloads[OrderEventName]) => events.event(name, payload)) as never);
      }
      // The menu's events come to the same rooms; screens that show the menu follow them in core.
      for (const name of MENU_EVENT_NAMES) {
        socket.on(name, ((payload: unknown) => this.menuLive.publish({ name, payload } as MenuEvent)) as never);
      }
      socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
        if (state === 'connecting' || state === 'live') lost();
        // The manager retries by itself unless the server refused the handshake outright.
        if (socket.active) return;
        const code = error.data?.code;
        if (isTokenRefusal(code)) tokenRefusals++;
        const next = afterHandshakeRefusal(code, tokenRefusals);
        if (next.kind === 'end-session') {
          // Refused with a fresh token too: the server's words say why (deleted, disabled…).
          waitForSignIn(socket);
          void this.sessionEnd.end(error.data?.message ?? error.message);
          return;
        }
        if (code === 'rate_limited') this.logger.warn('orders realtime: connection refused, too many', { error: error.message });
        refreshToken = next.freshToken;
        this.retryLater(socket, next.afterMs);
      });
      socket.on('disconnect', (reason) => {
        if (reason === 'io client disconnect') return;
        lost();
        // The server closed on purpose (a restart, a shutdown): socket.io does not retry that itself.
        if (reason === 'io server disconnect') this.retryLater(socket);
      });
    });
  }

  disconnect(): void {
    this.generation++;
    this.waitingForSignIn = null;
    this.pauseForSignIn = null;
    clearTimeout(this.offlineTimer);
    clearTimeout(this.retryTimer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private refreshSession(socket: OrderSocket): void {
    void this.session.idToken(true).then(
      (token) => {
        if (!token || this.socket !== socket) return;
        socket.emit(SESSION_REFRESH_MESSAGE, { token }, (reply) => {
          // Refused: the server ends the session itself; the reconnection sorts out what is next.
          if (!reply.ok) this.logger.warn('orders realtime: session refresh refused', { reply });
        });
      },
      (error: unknown) => this.logger.warn('orders realtime: no fresh token for the socket', { error }),
    );
  }

  private retryLater(socket: OrderSocket, afterMs = HANDSHAKE_RETRY_MS): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.socket === socket && !socket.connected && !this.waitingForSignIn) socket.connect();
    }, afterMs);
  }
}
