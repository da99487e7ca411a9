/**
 * The arithmetic of hostplan formulas, a subset of mathjs's expression syntax: numbers,
 * variables, `+ - * / % ^` (with `^` binding tighter than unary minus and to the right, as in
 * mathjs), parentheses and calls of the functions in {@link FORMULA_FUNCTIONS}; constants `pi`
 * and `e`. Nothing else can be reached: no assignment, no strings, no property access, no
 * function outside the list. Parsing yields a closure tree, evaluated without `eval`.
 */

/** A parsed formula: a function of the variables, by name. */
export type Evaluate = (variables: ReadonlyMap<string, number>) => number;

/** Why a formula failed to parse: the message and the 1-based column. */
export class FormulaSyntaxError extends Error {
  constructor(message: string, readonly column: number) {
    super(`${message} at column ${column}`);
  }
}

/** The functions a formula may call, with mathjs's meaning. */
export const FORMULA_FUNCTIONS: Readonly<Record<string, (...args: number[]) => number>> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  round: Math.round,
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)),
  log2: Math.log2,
  log10: Math.log10,
  pow: Math.pow,
  min: Math.min,
  max: Math.max,
};

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

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

const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a - b * Math.floor(a / b), // mathjs's mod: the sign of the divisor
  '^': (a, b) => a ** b,
};

/**
 * Parses `expression`, allowing only the variables in `variables`; throws a
 * {@link FormulaSyntaxError} for anything outside the grammar or an unknown name.
 */
export function parseFormula(expression: string, variables: ReadonlySet<string>): Evaluate {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = (): Token => tokens[at]!;
  const fail = (message: string, token = peek()): never => {
    throw new FormulaSyntaxError(message, token.column);
  };
  const expect = (text: string): void => {
    if (peek().text !== text) fail(`expected "${text}", found ${describe(peek())}`);
    at++;
  };
  const binary = (next: () => Evaluate, operators: string): Evaluate => {
    let left = next();
    while (peek().kind === 'symbol' && operators.includes(peek().text)) {
      const apply = BINARY[tokens[at++]!.text]!;
      const l = left;
      const r = next();
      left = (v) => apply(l(v), r(v));
    }
    return left;
  };
  const additive = (): Evaluate => binary(multiplicative, '+-');
  const multiplicative = (): Evaluate => binary(unary, '*/%');
  const unary = (): Evaluate => {
    if (peek().text === '-') { at++; const operand = unary(); return (v) => -operand(v); }
    if (peek().text === '+') { at++; return unary(); }
    return power();
  };
  const power = (): Evaluate => {
    const base = primary();
    if (peek().text !== '^') return base;
    at++;
    const exponent = unary(); // right-associative; 2^-1 allowed
    return (v) => base(v) ** exponent(v);
  };
  const call = (name: Token): Evaluate => {
    const fn = FORMULA_FUNCTIONS[name.text];
    if (!fn) return fail(`unknown function "${name.text}"; a formula may call ${Object.keys(FORMULA_FUNCTIONS).join(', ')}`, name);
    at++; // (
    const args: Evaluate[] = [];
    if (peek().text !== ')') {
      args.push(additive());
      while (peek().text === ',') { at++; args.push(additive()); }
    }
    expect(')');
    return (v) => fn(...args.map((a) => a(v)));
  };
  const primary = (): Evaluate => {
    const token = tokens[at++]!;
    if (token.kind === 'number') { const n = Number(token.text); return () => n; }
    if (token.text === '(') { const inner = additive(); expect(')'); return inner; }
    if (token.kind !== 'name') return fail(`unexpected ${describe(token)}`, token);
    if (peek().text === '(') return call(token);
    if (variables.has(token.text)) { const name = token.text; return (v) => v.get(name)!; }
    if (token.text in CONSTANTS) { const c = CONSTANTS[token.text]!; return () => c; }
    return fail(`unknown variable "${token.text}"; a formula may use ${[...variables].join(', ')}`, token);
  };
  const root = additive();
  if (peek().text === '=' && tokens[at + 1]?.text !== '=') fail('assignments are not allowed in formulas');
  if (peek().kind !== 'end') fail(`unexpected ${describe(peek())}`);
  return root;
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end' : `"${token.text}"`;
}
