import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources, with no build step: each workspace package's
// name resolves to its src/index.ts. One Vitest project per package.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
const alias = {
  // before '@hostplan/core', which would also match it as a prefix
  '@hostplan/core/internal': fileURLToPath(new URL('./packages/core/src/internal.ts', import.meta.url)),
  '@hostplan/core': src('core'),
  // before '@hostplan/bench', likewise
  '@hostplan/bench/prestart': fileURLToPath(new URL('./packages/bench/src/workers/prestart.ts', import.meta.url)),
  '@hostplan/bench': src('bench'),
  '@hostplan/report': src('report'),
  '@hostplan/cli': src('cli'),
};

const PACKAGES = ['core', 'bench', 'report', 'cli'] as const;

/**
 * The three suites. `unit` (npm test) needs nothing outside the repository; `conformance` reads the
 * public data sets in HOSTPLAN_DATA; `integration` runs real system programs (prometheus).
 */
export type Suite = 'unit' | 'conformance' | 'integration';

/** Vitest configuration of one suite: a project per package (and the examples for unit). */
export function suiteConfig(suite: Suite) {
  const outside = ['**/test/conformance/**', '**/test/integration/**', '**/node_modules/**'];
  const project = (name: string, include: string[]) => ({
    resolve: { alias },
    test: {
      name,
      include,
      exclude: suite === 'unit' ? outside : ['**/node_modules/**'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  });
  const pattern = (pkg: string) => (suite === 'unit' ? `packages/${pkg}/test/**/*.test.ts` : `packages/${pkg}/test/${suite}/**/*.test.ts`);
  const projects = PACKAGES.map((pkg) => project(pkg, [pattern(pkg)]));
  if (suite === 'unit') projects.push(project('examples', ['examples/test/**/*.test.ts']));
  return defineConfig({ test: { projects, passWithNoTests: false } });
}
