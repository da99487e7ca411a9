import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormula, FORMULA_MAX_DEPTH, FORMULA_MAX_LENGTH, HostplanError, memoryOverheadMB, parseQuantity } from '@hostplan/core';

/** A random arithmetic expression and the same expression as JavaScript. */
const expression: fc.Arbitrary<{ formula: string; js: string }> = fc.letrec<{ node: { formula: string; js: string } }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: 1000 }).map((n) => ({ formula: String(n), js: String(n) })),
    fc.constantFrom('memoryMB', 'memoryGB').map((name) => ({ formula: name, js: `v.${name}` })),
    fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/'), tie('node')).map(([a, op, b]) => ({
      formula: `(${a.formula}) ${op} (${b.formula})`,
      js: `(${a.js}) ${op} (${b.js})`,
    })),
    fc.tuple(fc.constantFrom('min', 'max'), tie('node'), tie('node')).map(([fn, a, b]) => ({
      formula: `${fn}(${a.formula}, ${b.formula})`,
      js: `Math.${fn}(${a.js}, ${b.js})`,
    })),
    fc.tuple(fc.constantFrom('ceil', 'floor', 'abs'), tie('node')).map(([fn, a]) => ({ formula: `${fn}(${a.formula})`, js: `Math.${fn}(${a.js})` })),
    tie('node').map((a) => ({ formula: `-(${a.formula})`, js: `-(${a.js})` })),
  ),
})).node;

describe('compileFormula(expression, variables, path)', () => {
  it('evaluates any expression of + - * /, min, max, ceil, floor, abs as JavaScript does', () => {
    fc.assert(fc.property(expression, fc.integer({ min: 0, max: 1 << 20 }), ({ formula, js }, memoryMB) => {
      const v = { memoryMB, memoryGB: memoryMB / 1024 };
      const expected = new Function('v', `return ${js};`)(v) as number;
      if (!Number.isFinite(expected)) return; // a division by zero: rejected, tested below
      expect(compileFormula(formula, ['memoryMB', 'memoryGB'], 'p')(v)).toBe(expected);
    }), { numRuns: 500 });
  });

  it.each([
    ['2 ^ 3 ^ 2', 512], //    right-associative, as in mathjs: 2^(3^2)
    ['-2 ^ 2', -4], //        power binds tighter than unary minus
    ['2 ^ -1', 0.5],
    ['-7 % 3', 2], //         mathjs's mod takes the sign of the divisor
    ['1.5e3 + .5', 1500.5],
    ['log(8, 2)', 3],
    ['round(2 * pi)', 6],
  ] as const)('reads %s as mathjs does: %s', (text, expected) => {
    expect(compileFormula(text, ['memoryMB', 'memoryGB'], 'p')({ memoryMB: 2048, memoryGB: 2 })).toBeCloseTo(expected, 12);
  });

  it.each([
    ['memoryGB +', /column 11/],
    ['foo * 2', /unknown variable "foo"/],
    ['eval(1)', /function "eval" is not allowed/],
    ['x = 3', /unknown variable "x"/],
    ['memoryGB == 2', /unexpected "="/], //  comparisons give booleans, not a quantity
    ['memoryGB = 3', /assignments are not allowed/],
    ['constructor.constructor("return 1")()', /unexpected|unknown/],
    ['"text"', /expected an arithmetic expression/],
  ])('rejects %j naming the field and what it expected', (text, message) => {
    try {
      compileFormula(text, ['memoryMB', 'memoryGB'], 'policy.memoryOverhead');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HostplanError);
      expect((e as HostplanError).path).toBe('policy.memoryOverhead');
      expect((e as HostplanError).message).toMatch(message);
    }
  });

  it('rejects a result that is not finite, naming the field', () => {
    expect(() => compileFormula('1 / (memoryMB - memoryMB)', ['memoryMB'], 'policy.memoryOverhead')({ memoryMB: 1 })).toThrow(/policy.memoryOverhead: formula gave Infinity/);
  });
});

const VARS = ['memoryMB', 'memoryGB'];
const compile = (f: string) => compileFormula(f, VARS, 'policy.memoryOverhead');

/** A formula's text and what it evaluates to, built side by side. */
type Expr = { text: string; value: (v: Record<string, number>) => number };
const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((n) => ({ text: String(n), value: () => n })),
  fc.constantFrom(...VARS).map((name) => ({ text: name, value: (v: Record<string, number>) => v[name]! })),
);
const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => ({
      text: `(${a.text} ${op} ${b.text})`,
      value: (v: Record<string, number>) => (op === '+' ? a.value(v) + b.value(v) : op === '-' ? a.value(v) - b.value(v) : a.value(v) * b.value(v)),
    })),
    fc.tuple(fc.constantFrom('min', 'max'), tie('e'), tie('e')).map(([f, a, b]) => ({ text: `${f}(${a.text}, ${b.text})`, value: (v: Record<string, number>) => Math[f](a.value(v), b.value(v)) })),
    // abs and division only: ceil, floor and round follow mathjs (its tolerances, half away from
    // zero), not Math's, and are checked against mathjs itself in mathjsReference.test.ts
    fc.tuple(tie('e')).map(([a]) => ({ text: `abs(${a.text} / 7)`, value: (v: Record<string, number>) => Math.abs(a.value(v) / 7) })),
  ),
})).e;

describe('formula sandbox (fuzz)', () => {
  it('a formula of + - * / min max abs gives what the same arithmetic gives in JavaScript', () => {
    fc.assert(fc.property(expr, fc.integer({ min: 0, max: 1 << 20 }), (e, mb) => {
      const vars = { memoryMB: mb, memoryGB: mb / 1024 };
      const expected = e.value(vars);
      fc.pre(Number.isFinite(expected));
      expect(compile(e.text)(vars)).toBeCloseTo(expected, 6);
    }), { numRuns: 300 });
  });

  it('any text either compiles to a function giving a finite number or is refused as invalid-formula, and never changes later results', () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[a-z(),.\s0-9+*/^%!'"=:;[\]{}<>?-]{0,40}$/));
    fc.assert(fc.property(text, (f) => {
      try {
        const out = compile(f)({ memoryMB: 4096, memoryGB: 4 });
        expect(Number.isFinite(out)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(HostplanError);
        expect((e as HostplanError).code).toBe('invalid-formula');
      }
      expect(memoryOverheadMB(4096, '32 + 8 * (ceil(memoryGB) - 1)')).toBe(56);
    }), { numRuns: 500 });
  });
});

describe('formula sandbox (hostile formulas)', () => {
  it.each([
    ['config({ number: "BigNumber" })', /function "config" is not allowed/],
    ['sum(ones(20000, 20000))', /function "sum" is not allowed/],
    ['sum(range(1, 3e8))', /function "sum" is not allowed/],
    ['import({x: 1})', /function "import" is not allowed/],
    ['evaluate("1")', /function "evaluate" is not allowed/],
    ['f(x) = x', /not allowed/],
    ['memoryGB = 3', /not allowed/],
    ['[1, 2]', /not allowed/],
    ['memoryGB > 1 ? 64 : 32', /not allowed/],
    ['170!', /operator "!" is not allowed/],
    ['2 MB', /unknown variable "MB"/],
    ['"text"', /only numbers are allowed/],
    ['1e308 * 10', /formula gave Infinity/],
    ['round(memoryGB, 99)', /round\(x, n\) needs a whole n/],
    ['ceil(1, 2)', /ceil takes 1 argument/],
    ['memoryGB.constructor', /not allowed/],
  ])('refuses %s with policy.memoryOverhead named', (f, message) => {
    expect(() => compile(f)({ memoryMB: 4096, memoryGB: 4 })).toThrow(message);
    expect(() => compile(f)({ memoryMB: 4096, memoryGB: 4 })).toThrow(/^policy\.memoryOverhead: /);
  });

  it('a config() attempt leaves every later formula and unit reading as it was', () => {
    expect(() => compile('config({ number: "BigNumber" })')).toThrow(HostplanError);
    expect(compile('max(16, 0.02 * memoryMB)')({ memoryMB: 4096, memoryGB: 4 })).toBeCloseTo(81.92, 10);
    expect(parseQuantity('64 GB', 'MB', 'x')).toBe(65536);
  });

  it('refuses a formula too long, with too many terms or nested too deep, before evaluating it', () => {
    const long = Array.from({ length: 200_000 }, () => '1').join('+');
    expect(() => compile(long)).toThrow(new RegExp(`formula of ${long.length} characters; at most ${FORMULA_MAX_LENGTH}`));
    const wide = `min(${Array.from({ length: 5 }, () => `max(${Array(60).fill('1').join(', ')})`).join(', ')})`; // 306 terms, 3 levels
    expect(() => compile(wide)).toThrow(/more than 256 terms/);
    const deep = '('.repeat(FORMULA_MAX_DEPTH + 2) + 'memoryGB' + ')'.repeat(FORMULA_MAX_DEPTH + 2);
    expect(() => compile(deep)).toThrow(/nested deeper than 32 levels/);
  });
});
