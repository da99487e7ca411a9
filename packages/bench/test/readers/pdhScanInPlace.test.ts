import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdhRowMissing } from '../../src/readers/_internals/pdhFastRow.js';
import { PdhRowScanner } from '../../src/readers/_internals/pdhRowScanner.js';

const TIME = '01/02/2024 03:04:05.678';
const cellText = fc.oneof(fc.constantFrom('1.5', ' ', '', '96.58319186260141', '6.148650849772921e-005', '-2', '1e', 'x', '"'), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));

/** A scanner's reading of the row `[start, end)` of `buf`: time, missing count, values (copied out). */
function read(scanner: PdhRowScanner, buf: Uint8Array, start: number, end: number, counters: number) {
  const fallback = new Float64Array(counters);
  const values = scanner.scanValues(buf, start, end, fallback);
  if (values === null) return { localMs: NaN, missing: -1, values: [] as number[] };
  return { localMs: scanner.localMs, missing: pdhRowMissing[0], values: [...values.subarray(0, counters)] };
}

describe('PdhRowScanner.readBuffers: rows scanned where a read put them', () => {
  it('property: a row anywhere in a read buffer, any bytes after it, reads as the same row in a plain buffer, and every byte of the read buffer is left as it was', () => {
    fc.assert(
      fc.property(fc.array(cellText, { maxLength: 8 }), fc.nat(), fc.uint8Array({ maxLength: 200 }), fc.boolean(), (cells, offset, after, second) => {
        const row = Buffer.from(`"${TIME}"${cells.map((c) => `,"${c}"`).join('')}`, 'latin1');
        const chunkBytes = 4096;
        const scanner = new PdhRowScanner(44, cells.length);
        const buffers = scanner.readBuffers(chunkBytes)!;
        const target = buffers[second ? 1 : 0];
        // the row, then `after` (a line break, the next row, anything) to the buffer's end at most
        const at = offset % (chunkBytes - row.length - 1);
        target.fill(0x22);
        row.copy(target, at);
        Buffer.from(after).copy(target, at + row.length, 0, Math.min(after.length, chunkBytes - at - row.length));
        const before = Buffer.from(target);
        const inPlace = read(scanner, target, at, at + row.length, cells.length);
        expect(target.equals(before)).toBe(true);
        expect(inPlace).toEqual(read(new PdhRowScanner(44, cells.length), row, 0, row.length, cells.length));
      }),
      { numRuns: 400 },
    );
  });

  it('the read buffers stay usable (not detached) after rows of up to 1 MiB went through the copy area', () => {
    const scanner = new PdhRowScanner(44, 1);
    const [a, b] = scanner.readBuffers(8192)!;
    const long = Buffer.from(`"${TIME}","${'1'.repeat((1 << 20) - 40)}"`, 'latin1');
    expect(long.length).toBeLessThanOrEqual(1 << 20);
    read(scanner, long, 0, long.length, 1);
    expect([a.length, b.length]).toEqual([8192, 8192]);
    const row = Buffer.from(`"${TIME}","512"\r\n`, 'latin1');
    row.copy(b, 100);
    expect(read(scanner, b, 100, 100 + row.length - 2, 1)).toEqual({ localMs: Date.UTC(2024, 0, 2, 3, 4, 5, 678), missing: 0, values: [512] });
  });

  it('gives the same two buffers when asked again for the same size, none for another size', () => {
    const scanner = new PdhRowScanner(9, 2);
    const first = scanner.readBuffers(4096);
    expect(scanner.readBuffers(4096)).toBe(first);
    expect(scanner.readBuffers(8192)).toBeNull();
  });
});
