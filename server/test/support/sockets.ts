import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

/** A real socket.io-client without automatic reconnection, so a refusal is final. */
export function openSocket(
  baseUrl: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
): Socket {
  return io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
}

/** The first `event` the socket receives, or a rejection after `timeoutMs`. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEvent = (value: T) => {
      clearTimeout(timer);
      resolve(value);
    };
    socket.once(event, onEvent);
  });
}

/** Connects and resolves once connected; rejects with the connect_error otherwise. */
export async function connected(socket: Socket): Promise<Socket> {
  const error = nextEvent<Error>(socket, 'connect_error');
  await Promise.race([nextEvent(socket, 'connect'), error.then((cause) => Promise.reject(cause))]);
  error.catch(() => undefined);
  return socket;
}
