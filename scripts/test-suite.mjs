#!/usr/bin/env node
// Runs one of the suites that need the outside world, after checking in one line that what it
// needs is there: `conformance` (the public data sets) or `integration` (system programs).
// Usage: node scripts/test-suite.mjs conformance|integration [vitest arguments...]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataRoot } from './dataRoot.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The data folder of the conformance suite: HOSTPLAN_DATA, else ../shared/data beside the repository. */
export { dataRoot };

/** What the conformance suite reads below the data folder. */
export const DATA_SETS = ['perfmon', 'sysstat', 'bitbrains', 'vbp/ct01/CT01'];

/** The programs the integration suite runs (Debian package "prometheus"). */
export const PROGRAMS = ['prometheus', 'promtool'];

function onPath(program, env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, program)));
}

/** The one line that says what a suite lacks, or null when it has everything. */
export function missing(suite, env = process.env) {
  if (suite === 'conformance') {
    const root = dataRoot(env);
    const absent = DATA_SETS.filter((sub) => !existsSync(join(root, sub)));
    if (absent.length === 0) return null;
    return `test:conformance needs the public data sets in ${root} (missing: ${absent.join(', ')}); set HOSTPLAN_DATA to the folder that holds perfmon/, sysstat/, bitbrains/ and vbp/`;
  }
  if (suite === 'integration') {
    const absent = PROGRAMS.filter((p) => !onPath(p, env));
    if (absent.length === 0) return null;
    return `test:integration needs ${absent.join(' and ')} on PATH: install the Debian package "prometheus" (apt-get install prometheus; .ci/run does this)`;
  }
  return `unknown suite '${suite}': expected conformance or integration`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [suite, ...rest] = process.argv.slice(2);
  const problem = missing(suite);
  if (problem) {
    process.stderr.write(problem + '\n');
    process.exit(1);
  }
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const r = spawnSync(process.execPath, [vitest, 'run', '--config', join(ROOT, `vitest.${suite}.config.ts`), ...rest], { stdio: 'inherit', cwd: ROOT });
  process.exit(r.status ?? 1);
}
