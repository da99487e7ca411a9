import fc from 'fast-check';
import { create, all } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compileFormula, parseQuantity } from '@hostplan/core';

// mathjs is the field's library for unit strings and formulas. core reads both itself (its
// import cost about a second and tied core to Node, issue 15), so mathjs is the reference here:
// what core reads must be what mathjs reads, with the one documented difference that byte units
// are binary in hostplan (64 GB is 64 GiB, as Windows and Hyper-V report memory).
// predictable: real results only (sqrt(-1) is NaN, not a complex number), as core computes in reals
const math = create(all!, { predictable: true });

/** |a - b| relative to the larger magnitude (absolute below 1). */
const relativeError = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b)));

describe('parseQuantity agrees with mathjs', () => {
  const data = fc.record({
    amount: fc.double({ min: 0.001, max: 1e6, noNaN: true }).map((x) => Number(x.toPrecision(6))),
    prefix: fc.constantFrom('K', 'M', 'G', 'T'),
    target: fc.constantFrom('MB', 'GB') as fc.Arbitrary<'MB' | 'GB'>,
  });

  it('byte units: "X GB" in hostplan is mathjs\'s "X GiB", in MB or GB', () => {
    fc.assert(fc.property(data, ({ amount, prefix, target }) => {
      const expected = math.unit(`${amount} ${prefix}iB`).toNumber(`${target.slice(0, 1)}iB`);
      expect(relativeError(parseQuantity(`${amount} ${prefix}B`, target, 'x'), expected)).toBeLessThan(1e-12);
    }), { numRuns: 300 });
  });

  it('clocks and network rates (decimal, as in mathjs): Hz, kHz, MHz, GHz; bps, kbps, Mbps, Gbps', () => {
    const amount = fc.double({ min: 0.001, max: 1e5, noNaN: true }).map((x) => Number(x.toPrecision(6)));
    fc.assert(fc.property(amount, fc.constantFrom('Hz', 'kHz', 'MHz', 'GHz'), fc.constantFrom('GHz', 'MHz') as fc.Arbitrary<'GHz' | 'MHz'>, (x, u, target) => {
      expect(relativeError(parseQuantity(`${x} ${u}`, target, 'x'), math.unit(`${x} ${u}`).toNumber(target))).toBeLessThan(1e-12);
    }), { numRuns: 200 });
    fc.assert(fc.property(amount, fc.constantFrom('bps', 'kbps', 'Mbps', 'Gbps'), fc.constantFrom('Mbps', 'Gbps') as fc.Arbitrary<'Mbps' | 'Gbps'>, (x, u, target) => {
      const mathUnit = (s: string) => s.replace('bps', 'b/s');
      expect(relativeError(parseQuantity(`${x} ${u}`, target, 'x'), math.unit(`${x} ${mathUnit(u)}`).toNumber(mathUnit(target)))).toBeLessThan(1e-12);
    }), { numRuns: 200 });
  });
});

describe('compileFormula agrees with mathjs.evaluate', () => {
  /** Expressions over the whole grammar, with mathjs's own precedence rules to agree on. */
  const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: 0, max: 50 }).map(String),
      fc.constantFrom('memoryGB', 'memoryMB', 'pi', 'e', '0.5', '1e2'),
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '^'), tie('e')).map(([a, op, b]) => `${a} ${op} ${b}`),
      tie('e').map((a) => `-${a}`),
      tie('e').map((a) => `(${a})`),
      fc.tuple(fc.constantFrom('min', 'max', 'pow'), tie('e'), tie('e')).map(([f, a, b]) => `${f}(${a}, ${b})`),
      fc.tuple(fc.constantFrom('ceil', 'floor', 'abs', 'round', 'sqrt', 'exp', 'log', 'log2', 'log10'), tie('e')).map(([f, a]) => `${f}(${a})`),
    ),
  })).e;

  it('gives what mathjs gives for the same text, or refuses where mathjs gives no finite number', () => {
    fc.assert(fc.property(expr, fc.integer({ min: 1, max: 1 << 20 }), (text, memoryMB) => {
      const scope = { memoryMB, memoryGB: memoryMB / 1024 };
      let expected: unknown;
      try {
        expected = math.evaluate(text, { ...scope });
      } catch {
        return; // mathjs refuses it too (e.g. a complex result it cannot order in min/max)
      }
      if (typeof expected !== 'number' || !Number.isFinite(expected)) {
        // complex or infinite in mathjs: hostplan must refuse, never answer a number
        expect(() => compileFormula(text, ['memoryMB', 'memoryGB'], 'p')(scope)).toThrow(/^p: /);
        return;
      }
      let got: number;
      try {
        got = compileFormula(text, ['memoryMB', 'memoryGB'], 'p')(scope);
      } catch (e) {
        // the one known difference: core refuses a negative number to a fractional power, where
        // mathjs may take a real odd root (pow(-1, 1/7) = -1)
        expect(text, String(e)).toMatch(/\^|pow/);
        return;
      }
      expect(relativeError(got, expected), `${text} = ${expected}`).toBeLessThan(1e-9);
    }), { numRuns: 1000 });
  });
});
