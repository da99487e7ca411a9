import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// bin/hostplan.js imports the CLI's prestart before anything else so that the workers start a
// few ms into the process: what it loads is only these small modules (checked on the sources,
// which the compiled files and bench's prestart bundle entry follow import for import).

const root = new URL('../../../', import.meta.url);
const SPECIFIER = /^\s*(?:import|export)\s(?!type\b)[^'"]*?from\s+'([^']+)'/gm;

/** The modules `entry` loads at run time (type-only imports left out), followed through relative imports and @hostplan/bench/prestart. */
function loadedFrom(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    if (!path.endsWith('.ts')) return;
    const text = readFileSync(new URL(path, root), 'utf8');
    for (const [, spec] of text.matchAll(SPECIFIER)) {
      if (spec!.startsWith('.')) visit(new URL(spec!.replace(/\.js$/, '.ts'), new URL(path, root)).href.slice(root.href.length));
      else if (spec === '@hostplan/bench/prestart') visit('packages/bench/src/workers/prestart.ts');
      else visit(spec!);
    }
  };
  visit(entry);
  return [...seen].sort();
}

describe('the prestart the CLI runs first', () => {
  it('loads only the worker starters and node built-ins', () => {
    expect(loadedFrom('packages/cli/src/prestart.ts')).toEqual([
      'node:os',
      'node:worker_threads',
      'packages/bench/src/readers/parallel/warmParse.ts',
      'packages/bench/src/stats/parallel/warmStart.ts',
      'packages/bench/src/workers/prestart.ts',
      'packages/bench/src/workers/startWorker.ts',
      'packages/bench/src/workers/warmWorkers.ts',
      'packages/cli/src/prestart.ts',
      'packages/cli/src/threadPlan.ts',
    ]);
  });
});
