import { describe, expect, it } from 'vitest';
import { sales } from '../sales.js';

describe('examples/sales.ts', () => {
  it('prices every plan at cost / (1 - margin) on two farms, cheaper per VM as density rises', () => {
    const lines: string[] = [];
    const sheets = sales((l) => lines.push(l), 0.35);
    expect(sheets).toHaveLength(2);
    for (const sheet of sheets) {
      expect(sheet.margin).toBe(0.35);
      expect(sheet.lines.map((l) => l.plan)).toEqual(['S', 'M', 'L']);
      for (const line of sheet.lines) {
        expect(line.pricePerMonth!).toBeCloseTo(line.costPerMonth! / 0.65, 9);
        const prices = line.byDensity.map((d) => d.pricePerMonth);
        expect([...prices].sort((a, b) => b - a)).toEqual(prices); // denser is never dearer
      }
      // larger plans cost more
      const [s, m, l] = sheet.lines.map((x) => x.costPerMonth!);
      expect(s!).toBeLessThan(m!);
      expect(m!).toBeLessThan(l!);
    }
    const text = lines.join('\n');
    // the 2008 edition table: 3 VMs -> 3 Standard, 5 -> Enterprise + Standard, 10 -> 2 Datacenter
    expect(text).toContain('3 VMs: 3 x standard = $2,997.00');
    expect(text).toContain('5 VMs: 1 x enterprise + 1 x standard = $3,998.00');
    expect(text).toContain('10 VMs: 2 x datacenter = $5,998.00');
  });

  it('moves the price with the margin', () => {
    const at35 = sales(() => {}, 0.35)[0]!.lines[1]!;
    const at20 = sales(() => {}, 0.2)[0]!.lines[1]!;
    expect(at20.costPerMonth).toBeCloseTo(at35.costPerMonth!, 9);
    expect(at20.pricePerMonth!).toBeLessThan(at35.pricePerMonth!);
  });
});
