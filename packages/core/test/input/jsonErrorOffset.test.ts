import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonErrorOffset } from '../../src/input/jsonErrorOffset.js';

const parses = (t: string) => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};

describe('jsonErrorOffset(text)', () => {
  it('is -1 exactly for valid JSON', () => {
    fc.assert(fc.property(fc.json(), (t) => {
      expect(jsonErrorOffset(t)).toBe(-1);
    }));
  });

  it('agrees with JSON.parse on damaged JSON (a character cut or inserted)', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '{'), (t, at, insert) => {
      const k = t.length ? at % t.length : 0;
      const damaged = t.slice(0, k) + insert + t.slice(k + 1);
      expect(jsonErrorOffset(damaged) === -1).toBe(parses(damaged));
    }), { numRuns: 500 });
  });

  it.each([
    ['{"a": }', 6],
    ['[1,2,]', 5],
    ['{"a":1} x', 8],
  ])('finds the offset in %j: %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
