import { all, create, type MathJsInstance } from 'mathjs';

/**
 * hostplan's private mathjs instance: units plus a `bps` unit (bits per second, decimal
 * prefixes: Mbps, Gbps). Functions an expression could use to reach beyond its variables
 * are disabled, so user formulas evaluate in a sandbox.
 */
export const math: MathJsInstance = create(all!, {});

math.createUnit('bps', { definition: '1 b/s', prefixes: 'short' });

const evaluateUnsafe = math.evaluate.bind(math);
const parseUnsafe = math.parse.bind(math);

const disabled = (name: string) => () => {
  throw new Error(`function ${name} is disabled in hostplan formulas`);
};
math.import(
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

/** Parses an expression with the instance's parser (the disabled `parse` is for expressions only). */
export const parseExpression: typeof parseUnsafe = parseUnsafe;
export const evaluateExpression: typeof evaluateUnsafe = evaluateUnsafe;
