import { createServer, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';

/**
 * Network-level fault injection: a plaintext gRPC endpoint that accepts every call and never
 * answers, like a Firestore that hangs. Point FIRESTORE_EMULATOR_HOST at `host`.
 */
export async function startHangingGrpcEndpoint(): Promise<{
  host: string;
  close(): Promise<void>;
}> {
  const sessions = new Set<Http2Session>();
  const server = createServer();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  server.on('stream', (stream) => stream.resume()); // read the request, never respond
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    close: async () => {
      // http2's close() waits for open sessions; the client keeps its own open, so end them.
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
