import { HostplanError } from '../errors.js';
import { FormulaSyntaxError, parseFormula, type Evaluate } from './formulaParser.js';

/** A compiled user formula: a pure function of the named variables. */
export type Formula = (variables: Readonly<Record<string, number>>) => number;

const cache = new Map<string, Formula>();

/**
 * Compiles an arithmetic expression (mathjs syntax: `+ - * / % ^`, parentheses, `abs ceil
 * floor round sqrt exp log log2 log10 pow min max`, `pi`, `e`) that may use only `variables`.
 * Nothing else is reachable, so a formula from an input file evaluates in a sandbox. The
 * result must be a finite number; every failure is a {@link HostplanError} naming `path`.
 *
 * @example
 * compileFormula('32 + 8 * (ceil(memoryGB) - 1)', ['memoryGB'], 'policy.memoryOverhead')({ memoryGB: 4 }) // => 56
 */
export function compileFormula(expression: string, variables: readonly string[], path: string): Formula {
  const key = `${variables.join(',')}\u0000${expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let evaluate: Evaluate;
  try {
    evaluate = parseFormula(expression, new Set(variables));
  } catch (e) {
    if (!(e instanceof FormulaSyntaxError)) throw e;
    const expected = `an arithmetic expression of ${variables.join(', ')} giving a finite number`;
    throw new HostplanError('invalid-formula', path, `cannot parse formula: ${e.message}; expected ${expected}`, expected, expression);
  }
  const formula: Formula = (vars) => {
    const out = evaluate(new Map(Object.entries(vars)));
    if (!Number.isFinite(out)) {
      throw new HostplanError('invalid-formula', path, `formula gave ${String(out)}, expected a finite number`, 'a finite number', expression);
    }
    return out;
  };
  cache.set(key, formula);
  return formula;
}
