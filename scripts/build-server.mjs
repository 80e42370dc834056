// Builds the API for production: dist/server/main.js (+ .map), package.json and package-lock.json.
// `npm run build` runs it after `ng build`; `node scripts/build-server.mjs --out <dir>` builds
// elsewhere (the production-artifact test does).
//
// Why a bundle and not plain `tsc`: the server imports `@maestro/contracts` through a tsconfig
// path alias (server/tsconfig.json → contracts/index.ts). tsc leaves that specifier as it is, and
// Node would then look for a package of that name at run time and fail. esbuild (already what
// tsx runs the sources with, and @angular/build's bundler) resolves the alias at build time and
// puts the server's own code and contracts/ into one CommonJS file; every npm package stays an
// external `require`, installed from the generated package.json. So the artifact runs with plain
// `node` and the production dependencies only: no tsx, no TypeScript, no dev dependencies.
// Types are not checked here; `npm run lint` (tsc -p server/tsconfig.json) does that.
import { builtinModules } from 'node:module';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/server' } } });
const outDir = resolve(ROOT, values.out);
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

mkdirSync(outDir, { recursive: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ['server/src/main.ts'],
  outfile: join(outDir, 'main.js'),
  tsconfig: 'server/tsconfig.json',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // npm packages are required at run time from node_modules; only server/ and contracts/ are bundled.
  packages: 'external',
  // Readable stack traces (with --enable-source-maps) and class names as written.
  sourcemap: true,
  keepNames: true,
  banner: {
    js: '// Maestro API, built by scripts/build-server.mjs. Run: node --enable-source-maps main.js',
  },
  metafile: true,
  logLevel: 'warning',
});

// The packages the bundle requires, by name (`firebase-admin/auth` → `firebase-admin`);
// `<runtime>` is esbuild's own helpers.
const builtins = new Set(builtinModules);
const imported = new Set();
for (const input of Object.values(result.metafile.inputs)) {
  for (const { path, external } of input.imports) {
    if (
      !external ||
      path.startsWith('<') ||
      path.startsWith('node:') ||
      builtins.has(path.split('/')[0])
    )
      continue;
    imported.add(path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);
  }
}

// Whatever the server needs at run time must be a dependency of the root package.json too, or
// `npm install --omit=dev` there (and here) would leave it out.
const problems = [];
const dependencies = {};
for (const name of [...imported].sort()) {
  const locked = lock.packages[`node_modules/${name}`]?.version;
  if (!rootPackage.dependencies?.[name]) {
    problems.push(
      rootPackage.devDependencies?.[name]
        ? `${name} is required by the server at run time but is a devDependency: move it to "dependencies" in package.json`
        : `${name} is required by the server but is not in package.json`,
    );
  } else if (!locked) {
    problems.push(`${name} is not in package-lock.json: run npm install`);
  } else {
    // The exact version the tests ran with.
    dependencies[name] = locked;
  }
}
if (problems.length) {
  console.error(`Cannot build the server:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}

// Every package an install of those brings (from the lock: what `npm ci` installed here), to
// carry over only the overrides and install-script decisions that concern them.
const closure = productionClosure(Object.keys(dependencies));
const names = new Set(
  [...closure].map((path) => path.slice(path.lastIndexOf('node_modules/') + 13)),
);
const only = (object = {}) =>
  Object.fromEntries(Object.entries(object).filter(([name]) => names.has(name)));

const artifactPackage = {
  name: 'maestro-api',
  version: rootPackage.version,
  private: true,
  description: 'Maestro API, compiled (see README, "Running in production")',
  type: 'commonjs',
  main: 'main.js',
  engines: { node: '>=20' },
  scripts: { start: 'node --enable-source-maps main.js' },
  dependencies,
  ...(Object.keys(only(rootPackage.overrides)).length && {
    overrides: only(rootPackage.overrides),
  }),
  ...(Object.keys(only(rootPackage.allowScripts)).length && {
    allowScripts: only(rootPackage.allowScripts),
  }),
};
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(artifactPackage, null, 2)}\n`);
// Its lock: the root lock's entries of those packages, so `npm ci --omit=dev` there installs exactly
// the versions the tests ran with, transitive ones included.
const { name, version, engines } = artifactPackage;
const artifactLock = {
  name,
  version,
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name, version, dependencies, engines },
    ...Object.fromEntries(
      [...closure].sort().map((path) => {
        // Only the production tree is here: what was optional for it alone stays optional.
        const entry = { ...lock.packages[path] };
        if (entry.devOptional) entry.optional = true;
        delete entry.dev;
        delete entry.devOptional;
        return [path, entry];
      }),
    ),
  },
};
writeFileSync(join(outDir, 'package-lock.json'), `${JSON.stringify(artifactLock, null, 2)}\n`);

const kb = (file) => `${(statSync(join(outDir, file)).size / 1024).toFixed(0)} kB`;
console.log(
  `Server built: ${relative(process.cwd(), outDir) || '.'}/main.js (${kb('main.js')}, map ${kb('main.js.map')}), ` +
    `${Object.keys(dependencies).length} dependencies (${closure.size} packages installed with them).\n` +
    `  Run it: cd ${relative(process.cwd(), outDir) || '.'} && npm ci --omit=dev && node --enable-source-maps main.js`,
);

/** Lock paths (`node_modules/a/node_modules/b`) of `names` and everything they depend on. */
function productionClosure(roots) {
  const seen = new Set();
  const visit = (from, name, optional) => {
    const path = resolveInLock(from, name);
    if (!path) {
      if (!optional)
        throw new Error(`${name} (needed by ${from || 'the server'}) is not in package-lock.json`);
      return;
    }
    if (seen.has(path)) return;
    seen.add(path);
    const entry = lock.packages[path];
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(path, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {}))
      visit(path, dep, entry.peerDependenciesMeta?.[dep]?.optional === true);
  };
  for (const name of roots) visit('', name, false);
  return seen;
}

/** Node's lookup: `name` in the nearest node_modules at or above `from`. */
function resolveInLock(from, name) {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return null;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}
