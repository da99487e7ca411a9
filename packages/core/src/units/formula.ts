import { HostplanError } from '../errors.js';
import { parseExpression } from './math.js';

/** A compiled user formula: a pure function of the named variables. */
export type Formula = (variables: Readonly<Record<string, number>>) => number;

const cache = new Map<string, Formula>();

/**
 * Compiles a mathjs expression that may use only `variables` (and mathjs's own functions and
 * constants, minus those that parse, import or define). The result must be a finite number.
 *
 * @example
 * compileFormula('32 + 8 * (ceil(memoryGB) - 1)', ['memoryGB'], 'policy.memoryOverhead')({ memoryGB: 4 }) // => 56
 */
export function compileFormula(expression: string, variables: readonly string[], path: string): Formula {
  const key = `${variables.join(',')}\u0000${expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let node;
  try {
    node = parseExpression(expression);
  } catch (e) {
    throw new HostplanError('invalid-formula', path, `cannot parse formula: ${(e as Error).message}`, 'a mathjs expression', expression);
  }
  const allowed = new Set(variables);
  node.traverse((n, _path, parent) => {
    if (n.type === 'AssignmentNode' || n.type === 'FunctionAssignmentNode') {
      throw new HostplanError('invalid-formula', path, 'assignments are not allowed in formulas', 'an expression', expression);
    }
    if (n.type === 'SymbolNode') {
      const name = (n as unknown as { name: string }).name;
      const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: unknown }).fn === n;
      if (!isCallee && !allowed.has(name) && !['pi', 'e'].includes(name)) {
        throw new HostplanError('invalid-formula', path, `unknown variable ${JSON.stringify(name)}; a formula may use ${variables.join(', ')}`, variables.join(', '), expression);
      }
    }
  });
  const compiled = node.compile();
  const formula: Formula = (vars) => {
    let out: unknown;
    try {
      out = compiled.evaluate(new Map(Object.entries(vars)));
    } catch (e) {
      throw new HostplanError('invalid-formula', path, `formula failed: ${(e as Error).message}`, 'a finite number', expression);
    }
    if (typeof out !== 'number' || !Number.isFinite(out)) {
      throw new HostplanError('invalid-formula', path, `formula gave ${String(out)}, expected a finite number`, 'a finite number', expression);
    }
    return out;
  };
  cache.set(key, formula);
  return formula;
}
