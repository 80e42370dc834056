// "Today's path as the baseline, in the same run": the code of an earlier commit, checked out as
// a git worktree inside the repository (so it resolves this repository's node_modules) and
// imported beside the current code. The old path lives in git, not in the product.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The folder of `commit`'s checkout (made on first use). */
export function baselineCheckout(commit: string): string {
  const dir = join(ROOT, '.bench-baseline', commit.slice(0, 12));
  if (existsSync(join(dir, 'server'))) return dir;
  try {
    execFileSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    throw new Error(`The baseline commit ${commit} is not in this clone (a shallow clone?): run \`git fetch --unshallow\`.`);
  }
  execFileSync('git', ['worktree', 'add', '--detach', '--force', dir, commit], { cwd: ROOT, stdio: 'ignore' });
  return dir;
}

/** Imports a module of the baseline, e.g. `server/src/app.ts`. */
export async function importBaseline<T>(commit: string, path: string): Promise<T> {
  return (await import(pathToFileURL(join(baselineCheckout(commit), path)).href)) as T;
}
