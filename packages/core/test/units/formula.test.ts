import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormula, FORMULA_MAX_DEPTH, FORMULA_MAX_LENGTH, HostplanError, memoryOverheadMB, parseQuantity } from '@hostplan/core';

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
    fc.tuple(fc.constantFrom('ceil', 'floor', 'round', 'abs'), tie('e')).map(([f, a]) => ({ text: `${f}(${a.text} / 7)`, value: (v: Record<string, number>) => Math[f](a.value(v) / 7) })),
  ),
})).e;

describe('formula sandbox (fuzz)', () => {
  it('a whitelisted arithmetic formula gives what the same arithmetic gives in JavaScript', () => {
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
