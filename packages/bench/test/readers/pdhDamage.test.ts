import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPerfText, writePdhCsv } from '@hostplan/bench';
import { collectingSink } from './helpers.js';

// Damaged logs: a file cut at any byte, or a cell replaced by garbage, never throws and never
// shifts a value into another column.
const paths = ['\\\\H\\Processor(_Total)\\% Processor Time', '\\\\H\\Memory\\Available MBytes', '\\\\H\\PhysicalDisk(_Total)\\Disk Transfers/sec'];
const table = fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 65536 }), fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 5000, noNaN: true }))), { minLength: 1, maxLength: 30 });
const rowsOf = (t: [number, number, number][]) => t.map((values, r) => ({ timestampMs: Date.UTC(2024, 0, 1) + r * 15_000, values }));

describe('readPerfText on damaged PDH-CSV', () => {
  it('property: cut at any byte, every complete row reads as written and at most the last row is reported', () => {
    fc.assert(
      fc.property(table, fc.nat(), (t, cutSeed) => {
        const text = writePdhCsv(rowsOf(t), { paths });
        const headerLength = text.indexOf('\r\n') + 2;
        const cut = headerLength + (cutSeed % (text.length - headerLength + 1));
        const sink = collectingSink();
        const s = readPerfText(text.slice(0, cut), sink);
        const kept = sink.times[0]!.length;
        expect(s.rowsSkipped).toBeLessThanOrEqual(1);
        expect(s.issues.every((i) => i.code === 'truncated-row' || i.code === 'cell-count')).toBe(true);
        // every kept row equals the written one, in every column
        for (let c = 0; c < 3; c++) {
          for (let r = 0; r < kept; r++) expect(Object.is(sink.values[c]![r], t[r]![c]) || (Number.isNaN(sink.values[c]![r]) && Number.isNaN(t[r]![c]!))).toBe(true);
        }
        // rows fully before the cut are all kept; a cut row is kept only if it ended exactly there
        const complete = text.slice(headerLength, cut).split('\r\n').length - 1;
        expect(kept === complete || kept === complete + 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: one cell replaced by garbage is NaN with an issue at its line and column; the other cells are untouched', () => {
    fc.assert(
      fc.property(table, fc.nat(), fc.nat(), fc.constantFrom('abc', '1.2.3', '-1.#IND', '12x', 'e5', '--1'), (t, rowSeed, colSeed, garbage) => {
        const row = rowSeed % t.length;
        const col = colSeed % 3;
        const lines = writePdhCsv(rowsOf(t), { paths }).split('\r\n');
        const cells = lines[row + 1]!.split('","');
        const i = col + 1;
        cells[i] = i === cells.length - 1 ? `${garbage}"` : garbage;
        lines[row + 1] = cells.join('","');
        const sink = collectingSink();
        const s = readPerfText(lines.join('\r\n'), sink);
        expect(s.issues.map((x) => [x.line, x.column, x.code])).toEqual([[row + 2, col + 2, 'non-numeric']]);
        for (let c = 0; c < 3; c++) {
          for (let r = 0; r < t.length; r++) {
            const want = r === row && c === col ? NaN : t[r]![c]!;
            const got = sink.values[c]![r]!;
            expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want))).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
