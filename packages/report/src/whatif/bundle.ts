import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

let cached: string | null = null;

/** The what-if app's source: next to this file when run from source, under src/ when run from dist. */
function entry(): string {
  const here = fileURLToPath(new URL('./app.ts', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../src/whatif/app.ts', import.meta.url));
}

/**
 * The page's what-if script: `whatif/app.ts` with @hostplan/core and the report's section
 * renderers bundled by esbuild for the browser (IIFE, minified, no Node built-in), built once per
 * process when the first report with what-if data is rendered (about 0.2 s) and inlined into the
 * page, where the CSP allows it by its hash.
 *
 * @example
 * whatIfScript().length > 10_000 // => true
 */
export function whatIfScript(): string {
  if (cached !== null) return cached;
  const out = buildSync({
    entryPoints: [entry()], bundle: true, platform: 'browser', format: 'iife', minify: true, write: false,
    conditions: ['source'], target: 'es2020', legalComments: 'none', logLevel: 'silent', charset: 'utf8',
  });
  cached = out.outputFiles[0]!.text.trim();
  return cached;
}
