// Runs the local product's processes from one terminal (`npm start`, `npm run start:cluster`):
// each child's output prefixed with its name, and one stop that ends them all in reverse order.
import { spawn } from 'node:child_process';
import { PassThrough, Transform } from 'node:stream';
import pretty from 'pino-pretty';
import { ROOT } from './local-stack.mjs';

/**
 * `colours` maps a child's name to an ANSI colour number. `onStopped` runs after the last child
 * has stopped (clean-up of temporary folders), before the process exits.
 */
export function createSupervisor({ colours = {}, onStopped = () => undefined } = {}) {
  const children = [];
  let stopping = false;

  function prefixLines(name, stream, target) {
    let partial = '';
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) target.write(`\x1b[${colours[name] ?? 37}m${name.padEnd(8)}\x1b[0m ${line}\n`);
    });
  }

  /**
   * Starts `command args` (node by default) in its own process group, so Ctrl-C reaches only us
   * and we stop the children in order (the emulators must outlive the API to export their data).
   * A child that exits while we are not stopping stops everything, unless `onUnexpectedExit`
   * says what to do instead. `dropLine(entry)` hides some JSON log lines (prettyLogs only).
   * `beforeStop()` runs just before the child is stopped (the emulators' save at exit); when it
   * resolves false the run ends with a non-zero exit code and no plain "Stopped.".
   */
  function start(name, args, env, { command = process.execPath, prettyLogs = false, stopSignal = 'SIGTERM', onUnexpectedExit, dropLine, beforeStop } = {}) {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true });
    if (prettyLogs) {
      // The API logs JSON lines; show them one readable line each.
      const readable = new PassThrough();
      const options = { colorize: true, singleLine: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' };
      const source = dropLine ? child.stdout.pipe(jsonLineFilter(dropLine)) : child.stdout;
      source.pipe(pretty({ ...options, destination: readable }));
      prefixLines(name, readable, process.stdout);
    } else {
      prefixLines(name, child.stdout, process.stdout);
    }
    prefixLines(name, child.stderr, process.stderr);
    child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    child.startedAt = Date.now();
    child.exited.then((code) => {
      if (stopping) return;
      if (onUnexpectedExit) return onUnexpectedExit(code, child, stopAll);
      console.error(`\n${name} stopped unexpectedly (exit code ${code}); stopping the rest.`);
      void stopAll(1);
    });
    child.on('error', (error) => console.error(`${name}: ${error.message}`));
    child.label = name;
    child.stopSignal = stopSignal;
    child.beforeStop = beforeStop;
    children.push(child);
    return child;
  }

  async function stopAll(exitCode) {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Maestro…');
    let failed = false;
    for (const child of [...children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      if (child.beforeStop && (await child.beforeStop().catch(() => false)) === false) failed = true;
      try {
        process.kill(-child.pid, child.stopSignal);
      } catch {
        continue;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }, 20_000);
      await child.exited;
      clearTimeout(timer);
    }
    await onStopped();
    if (failed) {
      console.error('Stopped, with the errors above.');
      process.exit(exitCode || 1);
    }
    console.log('Stopped.');
    process.exit(exitCode);
  }

  return { start, stopAll, children, isStopping: () => stopping };
}

/** Drops the JSON lines `drop(entry)` says to; passes everything else through unchanged. */
function jsonLineFilter(drop) {
  let partial = '';
  const keep = (line) => {
    try {
      return !drop(JSON.parse(line));
    } catch {
      return true;
    }
  };
  return new Transform({
    transform(chunk, _encoding, done) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      done(null, lines.filter(keep).map((line) => `${line}\n`).join(''));
    },
    flush(done) {
      done(null, partial && keep(partial) ? partial : '');
    },
  });
}
