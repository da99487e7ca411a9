import { createRequire } from 'node:module';
import type { MathJsInstance } from 'mathjs';

/**
 * hostplan's private mathjs instance: units plus a `bps` unit (bits per second, decimal
 * prefixes: Mbps, Gbps). Functions an expression could use to reach beyond its variables
 * are disabled, so user formulas evaluate in a sandbox.
 *
 * Created on first use: loading mathjs takes about a second, which every process and worker
 * thread importing `@hostplan/core` would otherwise pay even when it never parses a unit or a
 * formula (statistics workers, for one). Loaded through `require` because an ES `import` is
 * eager and a dynamic `import()` would make every caller asynchronous.
 */
let instance: MathJsInstance | null = null;
let parseUnsafe: MathJsInstance['parse'] | null = null;

function load(): MathJsInstance {
  if (instance) return instance;
  const { all, create } = createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
  const m = create(all!, {});
  m.createUnit('bps', { definition: '1 b/s', prefixes: 'short' });
  parseUnsafe = m.parse.bind(m);
  const disabled = (name: string) => () => {
    throw new Error(`function ${name} is disabled in hostplan formulas`);
  };
  m.import(
    {
      import: disabled('import'),
      createUnit: disabled('createUnit'),
      evaluate: disabled('evaluate'),
      parse: disabled('parse'),
      simplify: disabled('simplify'),
      derivative: disabled('derivative'),
      resolve: disabled('resolve'),
      reviver: disabled('reviver'),
      compile: disabled('compile'),
    },
    { override: true },
  );
  instance = m;
  return m;
}

/** The instance, created on the first property read (`math.unit(...)`). */
export const math: MathJsInstance = new Proxy({} as MathJsInstance, {
  get: (_target, property) => Reflect.get(load(), property),
  has: (_target, property) => Reflect.has(load(), property),
});

/** Parses an expression with the instance's parser (the disabled `parse` is for expressions only). */
export const parseExpression = ((...args: Parameters<MathJsInstance['parse']>) => {
  load();
  return (parseUnsafe as (...a: unknown[]) => unknown)(...args);
}) as MathJsInstance['parse'];
