// The folder of the public real data sets (perfmon, sysstat, Bitbrains, .vbp instances) that the
// conformance suite and some benchmarks read. One place computes it: scripts/test-suite.mjs,
// the conformance tests' dataFolder.ts and the benchmarks import it.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** HOSTPLAN_DATA when set (a relative path is taken from the repository root), else ../shared/data beside the repository. */
export function dataRoot(env = process.env) {
  const named = env.HOSTPLAN_DATA;
  if (named) return isAbsolute(named) ? named : resolve(ROOT, named);
  return resolve(ROOT, '..', 'shared', 'data');
}
