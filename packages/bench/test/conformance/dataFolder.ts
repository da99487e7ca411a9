import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataRoot as scriptsDataRoot } from '../../../../scripts/dataRoot.mjs';

/**
 * The folder of public real data sets (perfmon, sysstat, Bitbrains, `.vbp` instances) that the
 * conformance suite reads: `HOSTPLAN_DATA` when set (relative paths from the repository root),
 * else `../shared/data` beside the repository (scripts/dataRoot.mjs). `npm run test:conformance`
 * checks it exists before any test runs (scripts/test-suite.mjs), so a missing folder is one
 * line, not a stack of ENOENTs.
 */
export function dataRoot(): string {
  return scriptsDataRoot();
}

/** A subfolder of {@link dataRoot}; throws naming the path when it is missing. */
export function dataFolder(sub: string): string {
  const dir = join(dataRoot(), sub);
  if (!existsSync(dir)) throw new Error(`the conformance data folder ${dir} is missing (set HOSTPLAN_DATA to the public data sets)`);
  return dir;
}
