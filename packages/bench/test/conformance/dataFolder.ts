import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The folder of public real data sets (perfmon, sysstat, Bitbrains, `.vbp` instances) that the
 * conformance suite reads: `HOSTPLAN_DATA` when set (relative paths from the repository root),
 * else `../shared/data` beside the repository. `npm run test:conformance` checks it exists before
 * any test runs (scripts/test-suite.mjs), so a missing folder is one line, not a stack of ENOENTs.
 */
export function dataRoot(): string {
  const named = process.env.HOSTPLAN_DATA;
  if (named) return isAbsolute(named) ? named : resolve(REPO, named);
  return resolve(REPO, '..', 'shared', 'data');
}

/** A subfolder of {@link dataRoot}; throws naming the path when it is missing. */
export function dataFolder(sub: string): string {
  const dir = join(dataRoot(), sub);
  if (!existsSync(dir)) throw new Error(`the conformance data folder ${dir} is missing (set HOSTPLAN_DATA to the public data sets)`);
  return dir;
}
