/**
 * The arithmetic of hostplan formulas, a subset of mathjs's expression syntax: numbers,
 * variables, `+ - * / % ^` (with `^` binding tighter than unary minus and to the right, as in
 * mathjs), parentheses and calls of the functions in {@link FORMULA_FUNCTIONS}; constants `pi`
 * and `e`. Nothing else can be reached: no assignment, no strings, no property access, no
 * function outside the list. Parsing yields a closure tree, evaluated without `eval`, and is
 * bounded: at most {@link FORMULA_MAX_LENGTH} characters, {@link FORMULA_MAX_NODES} terms and
 * {@link FORMULA_MAX_DEPTH} levels of nesting, checked before anything is evaluated.
 */

/** A parsed formula: a function of the variables, by name. */
export type Evaluate = (variables: ReadonlyMap<string, number>) => number;

/** Longest formula text accepted, in characters (checked before parsing). */
export const FORMULA_MAX_LENGTH = 1000;
/** Most terms (numbers, names, operators, calls) a formula may have. */
export const FORMULA_MAX_NODES = 256;
/** Deepest nesting (parentheses, calls, unary signs) of a formula. */
export const FORMULA_MAX_DEPTH = 32;

/** Why a formula failed to parse: the message and the 1-based column. */
export class FormulaSyntaxError extends Error {
  constructor(message: string, readonly column: number) {
    super(`${message} at column ${column}`);
  }
}

/** mathjs's default tolerances: a value within them of a whole number is that number for ceil and floor. */
const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;
const nearlyEqual = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);

/** Rounds half away from zero, as mathjs does (Math.round rounds -2.5 to -2). */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/**
 * mathjs's floor and ceil: where the plain result and the nearest whole number differ, a value
 * indistinguishable (within mathjs's tolerances) from that whole number but not from the plain
 * result is taken as the whole number with floating-point error.
 */
const floor = (x: number): number => {
  const f = Math.floor(x);
  const r = roundHalfAway(x);
  return f !== r && nearlyEqual(x, r) && !nearlyEqual(x, f) ? r : f;
};
const ceil = (x: number): number => {
  const c = Math.ceil(x);
  const r = roundHalfAway(x);
  return c !== r && nearlyEqual(x, r) && !nearlyEqual(x, c) ? r : c;
};

const roundTo = (x: number, digits = 0): number => {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw new Error('round(x, n) needs a whole n from 0 to 15');
  if (!Number.isFinite(x)) return x;
  // shift the decimal point in the text, so 1.005 rounds to 1.01 as written, not as 1.00499...
  const shift = (v: number, by: number) => {
    const [mantissa, exponent] = v.toExponential().split('e');
    return Number(`${mantissa}e${Number(exponent) + by}`);
  };
  return shift(roundHalfAway(shift(x, digits)), -digits);
};

interface FormulaFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly fn: (...args: number[]) => number;
}

/** The functions a formula may call, with mathjs's meaning and the argument counts each takes. */
export const FORMULA_FUNCTIONS: ReadonlyMap<string, FormulaFunction> = new Map<string, FormulaFunction>([
  ['abs', { minArgs: 1, maxArgs: 1, fn: Math.abs }],
  ['ceil', { minArgs: 1, maxArgs: 1, fn: ceil }],
  ['floor', { minArgs: 1, maxArgs: 1, fn: floor }],
  ['round', { minArgs: 1, maxArgs: 2, fn: roundTo }],
  ['sqrt', { minArgs: 1, maxArgs: 1, fn: Math.sqrt }],
  ['exp', { minArgs: 1, maxArgs: 1, fn: Math.exp }],
  ['log', { minArgs: 1, maxArgs: 2, fn: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) }],
  ['log2', { minArgs: 1, maxArgs: 1, fn: Math.log2 }],
  ['log10', { minArgs: 1, maxArgs: 1, fn: Math.log10 }],
  ['pow', { minArgs: 2, maxArgs: 2, fn: Math.pow }],
  ['min', { minArgs: 1, maxArgs: 64, fn: Math.min }],
  ['max', { minArgs: 1, maxArgs: 64, fn: Math.max }],
]);

const CONSTANTS: ReadonlyMap<string, number> = new Map([['pi', Math.PI], ['e', Math.E]]);

interface Token {
  readonly kind: 'number' | 'name' | 'symbol' | 'end';
  readonly text: string;
  readonly column: number;
}

const TOKEN = /\s*(?:(\d+\.?\d*(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\S))/y;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(expression); match; match = TOKEN.exec(expression)) {
    const column = match.index + match[0].length - (match[1] ?? match[2] ?? match[3]!).length + 1;
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1], column });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', text: match[2], column });
    else tokens.push({ kind: 'symbol', text: match[3]!, column });
  }
  tokens.push({ kind: 'end', text: 'the end', column: expression.length + 1 });
  return tokens;
}

const BINARY: ReadonlyMap<string, (a: number, b: number) => number> = new Map<string, (a: number, b: number) => number>([
  ['+', (a, b) => a + b],
  ['-', (a, b) => a - b],
  ['*', (a, b) => a * b],
  ['/', (a, b) => a / b],
  ['%', (a, b) => (b === 0 ? a : a - b * floor(a / b))], // mathjs's mod: the sign of the divisor; x % 0 is x
  ['^', (a, b) => a ** b],
]);

/** Why a symbol cannot stand where it was found, in words. */
function refuse(token: Token): string {
  if (token.kind === 'end') return 'unexpected end of the formula';
  if (token.kind === 'name') return `unknown variable "${token.text}"`;
  if (token.text === '"' || token.text === "'") return 'only numbers are allowed, not strings';
  if (token.text === '!') return 'operator "!" is not allowed; use + - * / ^ % and parentheses';
  if (token.text === '=') return 'unexpected "=": assignments and comparisons are not allowed';
  return `unexpected "${token.text}": comparisons, conditions, arrays, strings and property access are not allowed`;
}

/**
 * Parses `expression`, allowing only the variables in `variables`; throws a
 * {@link FormulaSyntaxError} for anything outside the grammar, an unknown name, or a formula
 * over the size limits.
 *
 * @example
 * parseFormula('32 + 8 * (ceil(memoryGB) - 1)', new Set(['memoryGB']))(new Map([['memoryGB', 4]])) // => 56
 */
export function parseFormula(expression: string, variables: ReadonlySet<string>): Evaluate {
  if (expression.length > FORMULA_MAX_LENGTH) throw new FormulaSyntaxError(`formula of ${expression.length} characters; at most ${FORMULA_MAX_LENGTH} are allowed`, FORMULA_MAX_LENGTH + 1);
  return new FormulaParser(tokenize(expression), variables).formula();
}

/** Recursive descent over the tokens, one method a grammar rule, counting terms and depth against the limits. */
class FormulaParser {
  private at = 0;
  private nodes = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly variables: ReadonlySet<string>,
  ) {}

  /** The whole formula: an expression, then the end. */
  formula(): Evaluate {
    const root = this.additive();
    if (this.peek().text === '=' && this.tokens[this.at + 1]?.text !== '=') this.fail('assignments are not allowed in formulas');
    if (this.peek().kind !== 'end') this.fail(refuse(this.peek()));
    return root;
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private fail(message: string, token = this.peek()): never {
    throw new FormulaSyntaxError(message, token.column);
  }

  private node(): void {
    if (++this.nodes > FORMULA_MAX_NODES) this.fail(`more than ${FORMULA_MAX_NODES} terms`);
  }

  private nested<T>(inner: () => T): T {
    if (++this.depth > FORMULA_MAX_DEPTH) this.fail(`nested deeper than ${FORMULA_MAX_DEPTH} levels`);
    const out = inner();
    this.depth--;
    return out;
  }

  private expect(text: string): void {
    const token = this.peek();
    if (token.text !== text) this.fail(`expected "${text}", found ${token.kind === 'end' ? 'the end' : `"${token.text}"`}`);
    this.at++;
  }

  /** Left-associative operators of one precedence level over `next`. */
  private binary(next: () => Evaluate, operators: string): Evaluate {
    let left = next();
    while (this.peek().kind === 'symbol' && operators.includes(this.peek().text)) {
      const apply = BINARY.get(this.tokens[this.at++]!.text)!;
      this.node();
      const l = left;
      const r = next();
      left = (v) => apply(l(v), r(v));
    }
    return left;
  }

  private additive(): Evaluate {
    return this.binary(() => this.multiplicative(), '+-');
  }

  private multiplicative(): Evaluate {
    return this.binary(() => this.unary(), '*/%');
  }

  private unary(): Evaluate {
    if (this.peek().text === '-') {
      this.at++;
      this.node();
      const operand = this.nested(() => this.unary());
      return (v) => -operand(v);
    }
    if (this.peek().text === '+') {
      this.at++;
      this.node();
      return this.nested(() => this.unary());
    }
    return this.power();
  }

  private power(): Evaluate {
    const base = this.primary();
    if (this.peek().text !== '^') return base;
    this.at++;
    this.node();
    const exponent = this.nested(() => this.unary()); // right-associative; 2^-1 allowed
    return (v) => base(v) ** exponent(v);
  }

  private call(name: Token): Evaluate {
    const f = FORMULA_FUNCTIONS.get(name.text);
    if (!f) return this.fail(`function "${name.text}" is not allowed; a formula may call ${[...FORMULA_FUNCTIONS.keys()].join(', ')}`, name);
    this.at++; // (
    const args: Evaluate[] = [];
    this.nested(() => {
      if (this.peek().text !== ')') {
        args.push(this.additive());
        while (this.peek().text === ',') {
          this.at++;
          args.push(this.additive());
        }
      }
    });
    this.expect(')');
    if (args.length < f.minArgs || args.length > f.maxArgs) {
      this.fail(`${name.text} takes ${f.minArgs === f.maxArgs ? f.minArgs : `${f.minArgs} to ${f.maxArgs}`} argument${f.maxArgs === 1 ? '' : 's'}, got ${args.length}`, name);
    }
    return (v) => f.fn(...args.map((a) => a(v)));
  }

  private primary(): Evaluate {
    const token = this.tokens[this.at++]!;
    this.node();
    if (token.kind === 'number') {
      const n = Number(token.text);
      return () => n;
    }
    if (token.text === '(') {
      const inner = this.nested(() => this.additive());
      this.expect(')');
      return inner;
    }
    if (token.kind !== 'name') return this.fail(refuse(token), token);
    if (this.peek().text === '(') return this.call(token);
    if (this.variables.has(token.text)) {
      const name = token.text;
      return (v) => v.get(name)!;
    }
    const c = CONSTANTS.get(token.text);
    if (c !== undefined) return () => c;
    return this.fail(`unknown variable "${token.text}"; a formula may use ${[...this.variables].join(', ')}`, token);
  }
}
