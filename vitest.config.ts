import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources, with no build step: each workspace package's
// name resolves to its src/index.ts. One Vitest project per package.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
const alias = {
  '@hostplan/core': src('core'),
  '@hostplan/bench': src('bench'),
  '@hostplan/report': src('report'),
  '@hostplan/cli': src('cli'),
};
const project = (name: string, include: string[]) => ({
  resolve: { alias },
  test: { name, include, testTimeout: 60_000, hookTimeout: 120_000 },
});

export default defineConfig({
  test: {
    projects: [
      project('core', ['packages/core/test/**/*.test.ts']),
      project('bench', ['packages/bench/test/**/*.test.ts']),
      project('report', ['packages/report/test/**/*.test.ts']),
      project('cli', ['packages/cli/test/**/*.test.ts']),
      project('examples', ['examples/test/**/*.test.ts']),
    ],
  },
});
