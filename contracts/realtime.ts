/** socket.io rooms a client may join; every order change is broadcast to both. */
export const REALTIME_ROOMS = ['kitchen', 'orders'] as const;
export type RealtimeRoom = (typeof REALTIME_ROOMS)[number];

export function isRealtimeRoom(value: unknown): value is RealtimeRoom {
  return typeof value === 'string' && (REALTIME_ROOMS as readonly string[]).includes(value);
}

/** Client → server: join rooms after the authenticated handshake. */
export interface JoinRequest {
  rooms: RealtimeRoom[];
}

/** Server → client acknowledgement of a join. */
export type JoinAck = { ok: true; rooms: RealtimeRoom[] } | { ok: false; error: { code: string; message: string } };
