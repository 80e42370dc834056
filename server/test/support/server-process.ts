import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

// `npm run server` runs `tsx server/src/main.ts`: start it the same way, minus npm.
const TSX_CLI = require.resolve('tsx/cli');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** The JSON log lines written so far (the array keeps filling). */
  logs: Record<string, unknown>[];
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** SIGKILLs tsx and the server it runs (its own process group), e.g. after a failed test. */
  killAll(): void;
}

/** Starts server/src/main.ts on a free port and resolves once it logs its URL. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [TSX_CLI, 'server/src/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    // tsx runs the server in a child of its own: a process group lets us kill both at once.
    detached: true,
  });
  const killAll = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the whole group is already gone
    }
  };
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const logs: Record<string, unknown>[] = [];
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry['url'] === 'string') resolve(entry['url']);
      });
      void exited.then(([code]) =>
        reject(new Error(`server exited (code ${code}) before listening`)),
      );
      setTimeout(() => reject(new Error('server did not log its URL within 20 s')), 20_000).unref();
    });
    return { child, url, logs, exited, killAll };
  } catch (error) {
    killAll();
    throw error;
  }
}
