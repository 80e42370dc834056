import { REALTIME_ROOMS, type JoinAck } from '@maestro/contracts';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { MaestroSocket } from './realtime-types';

const joinRequest = z.object({
  rooms: z
    .array(z.enum(REALTIME_ROOMS))
    .min(1)
    .max(REALTIME_ROOMS.length * 2),
});

const BAD_JOIN: JoinAck = {
  ok: false,
  error: {
    code: 'validation_failed',
    message: `Send { rooms: [...] } naming one or more of: ${REALTIME_ROOMS.join(', ')}.`,
  },
};

/**
 * `join { rooms }` with an acknowledgement. Bad input is answered, never thrown: a thrown
 * error in a socket handler would only reach the process, not the client that caused it.
 */
export function handleJoinRooms(socket: MaestroSocket, logger: Logger): void {
  socket.on('join', async (request, ack) => {
    // A client may emit without asking for an ack; the last argument is then whatever it sent.
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const parsed = joinRequest.safeParse(request);
    if (!parsed.success) return reply(BAD_JOIN);
    const rooms = [...new Set(parsed.data.rooms)];
    try {
      // With a cluster adapter, join may be asynchronous.
      await socket.join(rooms);
      reply({ ok: true, rooms });
    } catch (error) {
      logger.error({ err: error, socketId: socket.id, rooms }, 'socket join failed');
      reply({
        ok: false,
        error: { code: 'internal', message: 'Could not join the rooms; reconnect and try again.' },
      });
    }
  });
}
