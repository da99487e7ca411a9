// `npm run build`, after tsc: bundles @hostplan/core and @hostplan/bench into dist/bundle/, the
// files their package.json "exports" give at run time. Importing core's 130 compiled modules
// one by one took about 80 ms of every `hostplan` start, bench's 95 about 50 ms more; one
// bundle each (shared chunks for their several entries, so a class such as HostplanError stays
// one object) loads in about a third of that. The types (dist/*.d.ts), the tests (sources)
// and the per-module dist/*.js that tsc writes are unchanged; other packages and the npm
// dependencies stay outside each bundle (imported by name).
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each package's entries (relative to its dist/): its exports, and the worker threads it starts by file name. */
const PACKAGES = {
  core: ['index.js', 'internal.js'],
  // prestart: its own entry (the CLI imports it before anything else), sharing the warm workers with index
  bench: ['index.js', 'workers/prestart.js', 'stats/parallel/statsWorker.js', 'readers/parallel/parseWorker.js'],
};

for (const [name, entries] of Object.entries(PACKAGES)) {
  const dist = `${root}packages/${name}/dist/`;
  rmSync(`${dist}bundle`, { recursive: true, force: true });
  await build({
    entryPoints: entries.map((e) => `${dist}${e}`),
    // flat: a worker started as new URL('./statsWorker.js', import.meta.url) from a chunk is found next to it
    entryNames: '[name]',
    outdir: `${dist}bundle`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
