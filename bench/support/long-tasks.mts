// What each long task of a Chromium trace was: `node --import tsx bench/support/long-tasks.mts <trace.json> [ms]`
// (BENCH_TRACE=<file> makes the order-board bench record one). For every main-thread task longer
// than `ms` (50): what ran inside it by trace event (scripts, GC, style, layout, paint…) and, from
// the CPU profiler's samples, the functions it spent its time in (self time).
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & { name?: string; data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

const [file, thresholdArg] = process.argv.slice(2);
if (!file) throw new Error('Usage: long-tasks.mts <trace.json> [ms]');
const thresholdUs = Number(thresholdArg ?? 50) * 1000;
const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
const events = Array.isArray(raw) ? raw : raw.traceEvents;

const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
if (!main) throw new Error('No renderer main thread in this trace.');
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > thresholdUs);

// CPU profile samples (ProfileChunk events, on the main thread's profile): time → leaf node.
const nodes = new Map<number, ProfileNode>();
const samples: { ts: number; node: number }[] = [];
const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === main.pid);
const profileStart = events.find((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid);
let clock = (profileStart?.args?.data?.['startTime'] as number | undefined) ?? 0;
for (const chunk of chunks) {
  const data = chunk.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
  for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
  const ids = data?.cpuProfile?.samples ?? [];
  const deltas = data?.timeDeltas ?? [];
  ids.forEach((id, i) => {
    clock += deltas[i] ?? 0;
    samples.push({ ts: clock, node: id });
  });
}

const where = (node: ProfileNode | undefined) => {
  if (!node) return '?';
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}` : ''}`.trim();
};

console.log(`${tasks.length} main-thread task(s) over ${thresholdUs / 1000} ms in ${file}`);
for (const task of tasks) {
  const end = task.ts + task.dur!;
  const inside = onMain.filter((e) => e !== task && e.ph === 'X' && e.ts >= task.ts && e.ts < end);
  const byName = new Map<string, number>();
  for (const e of inside) {
    const data = e.args?.data;
    const detail = e.name === 'FunctionCall' ? ` ${String(data?.['functionName'] || '')} ${String(data?.['url'] || '').split('/').pop()}` : '';
    byName.set(e.name + detail, (byName.get(e.name + detail) ?? 0) + (e.dur ?? 0));
  }
  console.log(`\n■ task at ${(task.ts / 1000).toFixed(0)} ms, ${(task.dur! / 1000).toFixed(1)} ms`);
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
  const self = new Map<string, number>();
  const stacks = new Map<string, number>();
  for (const sample of samples) {
    if (sample.ts < task.ts || sample.ts >= end) continue;
    const leaf = nodes.get(sample.node);
    self.set(where(leaf), (self.get(where(leaf)) ?? 0) + 1);
    const stack: string[] = [];
    for (let n = leaf; n && stack.length < 8; n = n.parent ? nodes.get(n.parent) : undefined) stack.push(where(n));
    const key = stack.join(' ← ');
    stacks.set(key, (stacks.get(key) ?? 0) + 1);
  }
  if (self.size) {
    console.log('  samples, by function (self):');
    for (const [fn, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${String(n).padStart(5)}  ${fn}`);
    console.log('  heaviest stacks:');
    for (const [stack, n] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 4)) console.log(`  ${String(n).padStart(5)}  ${stack}`);
  }
}
