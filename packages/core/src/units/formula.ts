import { HostplanError } from '../errors.js';
import { FormulaSyntaxError, parseFormula, type Evaluate } from './formulaParser.js';

/** A compiled user formula: a pure function of the named variables. */
export type Formula = (variables: Readonly<Record<string, number>>) => number;

const cache = new Map<string, Formula>();

/**
 * Compiles an arithmetic expression (mathjs syntax: `+ - * / % ^`, parentheses, `abs ceil
 * floor round sqrt exp log log2 log10 pow min max`, `pi`, `e`) that may use only `variables`.
 * Nothing else is reachable, so a formula from an input file evaluates in a sandbox; its size
 * is bounded (1,000 characters, 256 terms, 32 levels). The result must be a finite number;
 * every failure is a {@link HostplanError} `invalid-formula` naming `path`.
 *
 * @example
 * compileFormula('32 + 8 * (ceil(memoryGB) - 1)', ['memoryGB'], 'policy.memoryOverhead')({ memoryGB: 4 }) // => 56
 * compileFormula('config({ number: "BigNumber" })', ['memoryGB'], 'policy.memoryOverhead') // throws HostplanError: ... function "config" is not allowed ...
 */
export function compileFormula(expression: string, variables: readonly string[], path: string): Formula {
  const expected = `an arithmetic expression of ${variables.join(', ')} giving a finite number`;
  const shown = (text: unknown) => (typeof text === 'string' && text.length > 60 ? `${text.slice(0, 57)}...` : text);
  if (typeof expression !== 'string') throw new HostplanError('invalid-formula', path, `expected a formula as text; expected ${expected}`, expected, expression);
  const key = `${variables.join(',')}\u0000${expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let evaluate: Evaluate;
  try {
    evaluate = parseFormula(expression, new Set(variables));
  } catch (e) {
    if (!(e instanceof FormulaSyntaxError)) throw e;
    throw new HostplanError('invalid-formula', path, `cannot parse formula: ${e.message}; expected ${expected}`, expected, shown(expression));
  }
  const formula: Formula = (vars) => {
    let out: number;
    try {
      out = evaluate(new Map(Object.entries(vars)));
    } catch (e) {
      throw new HostplanError('invalid-formula', path, `formula failed: ${(e as Error).message}`, expected, shown(expression));
    }
    if (!Number.isFinite(out)) {
      throw new HostplanError('invalid-formula', path, `formula gave ${String(out)}, expected a finite number`, 'a finite number', shown(expression));
    }
    return out;
  };
  if (cache.size >= 1000) cache.clear();
  cache.set(key, formula);
  return formula;
}
