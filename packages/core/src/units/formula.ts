import { HostplanError } from '../errors.js';
import { parseExpression } from './math.js';

/** A compiled user formula: a pure function of the named variables. */
export type Formula = (variables: Readonly<Record<string, number>>) => number;

/** Longest formula text accepted, in characters (checked before parsing). */
export const FORMULA_MAX_LENGTH = 1000;
/** Most syntax-tree nodes a formula may have. */
export const FORMULA_MAX_NODES = 256;
/** Deepest nesting of a formula's syntax tree. */
export const FORMULA_MAX_DEPTH = 32;

type Evaluate = (vars: Readonly<Record<string, number>>) => number;

const OPERATORS: ReadonlyMap<string, (a: number, b: number) => number> = new Map<string, (a: number, b: number) => number>([
  ['add', (a, b) => a + b],
  ['subtract', (a, b) => a - b],
  ['multiply', (a, b) => a * b],
  ['divide', (a, b) => a / b],
  ['pow', (a, b) => a ** b],
  ['mod', (a, b) => a - b * Math.floor(a / b)],
]);

const roundTo = (x: number, digits = 0) => {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw new Error('round(x, n) needs a whole n from 0 to 15');
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Functions a formula may call, with the argument counts each accepts. */
const FUNCTIONS: ReadonlyMap<string, { readonly min: number; readonly max: number; readonly fn: (...xs: number[]) => number }> = new Map([
  ['min', { min: 1, max: 64, fn: Math.min }],
  ['max', { min: 1, max: 64, fn: Math.max }],
  ['ceil', { min: 1, max: 1, fn: Math.ceil }],
  ['floor', { min: 1, max: 1, fn: Math.floor }],
  ['round', { min: 1, max: 2, fn: roundTo }],
  ['abs', { min: 1, max: 1, fn: Math.abs }],
]);

const CONSTANTS: ReadonlyMap<string, number> = new Map([['pi', Math.PI], ['e', Math.E]]);

interface Node {
  readonly type: string;
  readonly value?: unknown;
  readonly name?: string;
  readonly fn?: string | { readonly name?: string; readonly type?: string };
  readonly op?: string;
  readonly args?: readonly Node[];
  readonly content?: Node;
}

/**
 * Builds the evaluator of one syntax-tree node, allowing only numbers, the named variables,
 * pi and e, + - * / ^ % (and unary - +), parentheses and the {@link FUNCTIONS}; counts nodes
 * and depth against the limits. Throws a plain Error with the reason; the caller locates it.
 */
function build(node: Node, allowed: ReadonlySet<string>, depth: number, count: { nodes: number }): Evaluate {
  if (++count.nodes > FORMULA_MAX_NODES) throw new Error(`more than ${FORMULA_MAX_NODES} terms`);
  if (depth > FORMULA_MAX_DEPTH) throw new Error(`nested deeper than ${FORMULA_MAX_DEPTH} levels`);
  const sub = (n: Node) => build(n, allowed, depth + 1, count);
  switch (node.type) {
    case 'ConstantNode': {
      const v = node.value;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`only numbers are allowed, got ${typeof v === 'string' ? JSON.stringify(v) : String(v)}; a formula must give a finite number`);
      return () => v;
    }
    case 'SymbolNode': {
      const name = node.name!;
      if (allowed.has(name)) return (vars) => vars[name]!;
      const c = CONSTANTS.get(name);
      if (c !== undefined) return () => c;
      throw new Error(`unknown variable ${JSON.stringify(name)}; a formula may use ${[...allowed].join(', ')}`);
    }
    case 'ParenthesisNode':
      return sub(node.content!);
    case 'OperatorNode': {
      const fn = typeof node.fn === 'string' ? node.fn : '';
      const args = (node.args ?? []).map(sub);
      if (args.length === 1 && (fn === 'unaryMinus' || fn === 'unaryPlus')) {
        const [a] = args as [Evaluate];
        return fn === 'unaryMinus' ? (v) => -a(v) : a;
      }
      const op = OPERATORS.get(fn);
      if (!op || args.length !== 2) throw new Error(`operator ${JSON.stringify(node.op ?? fn)} is not allowed; use + - * / ^ % and parentheses`);
      const [a, b] = args as [Evaluate, Evaluate];
      return (v) => op(a(v), b(v));
    }
    case 'FunctionNode': {
      const callee = typeof node.fn === 'object' && node.fn.type === 'SymbolNode' ? node.fn.name ?? '' : '';
      const f = FUNCTIONS.get(callee);
      if (!f) throw new Error(`function ${JSON.stringify(callee || '(expression)')} is not allowed; a formula may call ${[...FUNCTIONS.keys()].join(', ')}`);
      const args = (node.args ?? []).map(sub);
      if (args.length < f.min || args.length > f.max) throw new Error(`${callee} takes ${f.min === f.max ? f.min : `${f.min} to ${f.max}`} argument${f.max === 1 ? '' : 's'}, got ${args.length}`);
      return (v) => f.fn(...args.map((a) => a(v)));
    }
    default:
      throw new Error(`${node.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed; use numbers, ${[...allowed].join(', ')}, + - * / ^ %, parentheses and ${[...FUNCTIONS.keys()].join(', ')}`);
  }
}

const cache = new Map<string, Formula>();

/**
 * Compiles a formula in mathjs syntax to a pure function of `variables`. Only a whitelist is
 * accepted: numbers, the named variables, `pi` and `e`, `+ - * / ^ %` (and unary minus),
 * parentheses and `min`, `max`, `ceil`, `floor`, `round`, `abs`; at most
 * {@link FORMULA_MAX_LENGTH} characters, {@link FORMULA_MAX_NODES} terms and
 * {@link FORMULA_MAX_DEPTH} levels. mathjs only parses: evaluation is hostplan's own walk over
 * the checked tree (O(terms) per call), so no formula can reach mathjs's functions or
 * configuration, allocate matrices or loop. The result must be a finite number. Throws
 * {@link HostplanError} `invalid-formula` at `path` otherwise.
 *
 * @example
 * compileFormula('32 + 8 * (ceil(memoryGB) - 1)', ['memoryGB'], 'policy.memoryOverhead')({ memoryGB: 4 }) // => 56
 * compileFormula('config({ number: "BigNumber" })', ['memoryGB'], 'policy.memoryOverhead') // throws HostplanError: ... function "config" is not allowed ...
 */
export function compileFormula(expression: string, variables: readonly string[], path: string): Formula {
  const fail = (message: string): never => {
    throw new HostplanError('invalid-formula', path, message, 'an arithmetic expression of ' + variables.join(', '), expression.length > 60 ? expression.slice(0, 57) + '...' : expression);
  };
  if (typeof expression !== 'string') fail('expected a formula as text');
  const key = `${variables.join(',')}\u0000${expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (expression.length > FORMULA_MAX_LENGTH) fail(`formula of ${expression.length} characters; at most ${FORMULA_MAX_LENGTH} are allowed`);
  let root: Node;
  try {
    root = parseExpression(expression) as unknown as Node;
  } catch (e) {
    return fail(`cannot parse formula: ${(e as Error).message}`);
  }
  let evaluate: Evaluate;
  try {
    evaluate = build(root, new Set(variables), 0, { nodes: 0 });
  } catch (e) {
    return fail((e as Error).message);
  }
  const formula: Formula = (vars) => {
    let out: number;
    try {
      out = evaluate(vars);
    } catch (e) {
      return fail(`formula failed: ${(e as Error).message}`);
    }
    if (!Number.isFinite(out)) fail(`formula gave ${String(out)}, expected a finite number`);
    return out;
  };
  if (cache.size >= 1000) cache.clear();
  cache.set(key, formula);
  return formula;
}
