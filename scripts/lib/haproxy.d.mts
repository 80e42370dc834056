// Types of haproxy.mjs for the TypeScript tests that run HAProxy in front of API nodes.

export interface RunningHaproxy {
  url: string;
  statsUrl: string;
  stop(): void;
  close(): Promise<void>;
  /** Each API node's state as HAProxy sees it: { 'api-1': 'UP', 'api-2': 'DOWN', ... }. */
  serverStates(): Promise<Record<string, string>>;
}

export function startHaproxy(options: {
  port: number;
  statsPort: number;
  nodes: { name: string; port: number }[];
  logLevel?: string;
  stdio?: unknown;
}): Promise<RunningHaproxy>;
