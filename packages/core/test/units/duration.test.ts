import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostplanError, parseDurationMs } from '@hostplan/core';

describe('parseDurationMs(text, path, unit)', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['10 min', 600_000],
    ['1h30m', 5_400_000], // 3,600,000 + 30 x 60,000
    ['250ms', 250],
    ['1d', 86_400_000],
    ['1w', 604_800_000], // 7 x 86,400,000
    ['0.5s', 500],
  ])('reads %j as %d ms', (text, ms) => expect(parseDurationMs(text, 'step')).toBe(ms));

  it.each([
    ['5', '--window', 'm', '--window: "5" has no unit: write 5m (or 5s, 5h, 5d)'],
    ['15', '--step', 's', '--step: "15" has no unit: write 15s (or 15m, 15h, 15d)'],
  ] as const)('rejects the bare number %j, naming the unit %s needs', (text, path, unit, message) => {
    expect(() => parseDurationMs(text, path, unit)).toThrow(message);
  });

  it.each(['', '5x', '-1m', '0s', 'm5', '5 parsecs'])('rejects %j naming the field', (text) => {
    expect(() => parseDurationMs(text, 'step')).toThrow(HostplanError);
    expect(() => parseDurationMs(text, 'step')).toThrow(/^step: /);
  });

  it('adds the parts of a compound duration: XhYmZs is (3,600 X + 60 Y + Z) s', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 1, max: 59 }), (h, m, s) => {
      expect(parseDurationMs(`${h}h${m}m${s}s`, 'x')).toBe((3600 * h + 60 * m + s) * 1000);
    }));
  });
});
