import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));

/** Every .ts file under a package's src, with the module specifiers it imports or re-exports. */
function imports(pkg: string): { file: string; specifier: string }[] {
  const dir = join(PACKAGES, pkg, 'src');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => ({ file: `${pkg}/src/${file}`, specifier: (m[1] ?? m[2])! }));
  });
}

/** The layers as drawn: bench -> core, report -> core, cli over all; nothing imports cli. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: [],
  bench: ['@hostplan/core'],
  report: ['@hostplan/core'],
  cli: ['@hostplan/core', '@hostplan/bench', '@hostplan/report'],
};

describe('package layers', () => {
  it('finds the imports it checks (cli imports bench and report; bench imports core)', () => {
    const specifiers = (pkg: string) => new Set(imports(pkg).map((i) => i.specifier));
    expect(specifiers('cli')).toContain('@hostplan/bench');
    expect(specifiers('cli')).toContain('@hostplan/report');
    expect(specifiers('bench')).toContain('@hostplan/core');
  });

  it.each(Object.keys(ALLOWED))('%s imports only the hostplan packages below it', (pkg) => {
    // a subpath (@hostplan/core/internal) belongs to its package
    const packageOf = (specifier: string) => specifier.split('/').slice(0, 2).join('/');
    const wrong = imports(pkg).filter((i) => i.specifier.startsWith('@hostplan/') && !ALLOWED[pkg]!.includes(packageOf(i.specifier)));
    expect(wrong).toEqual([]);
  });

  it.each(Object.keys(ALLOWED))("%s's package.json declares only the hostplan packages below it", (pkg) => {
    const manifest = JSON.parse(readFileSync(join(PACKAGES, pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const declared = Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@hostplan/'));
    expect(declared.filter((d) => !ALLOWED[pkg]!.includes(d))).toEqual([]);
  });

  it('core imports no node: module, so it runs in a browser', () => {
    expect(imports('core').filter((i) => i.specifier.startsWith('node:'))).toEqual([]);
  });
});
