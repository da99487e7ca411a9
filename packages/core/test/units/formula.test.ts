import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFormula, HostplanError } from '@hostplan/core';

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
    ['eval(1)', /unknown function "eval"/],
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
