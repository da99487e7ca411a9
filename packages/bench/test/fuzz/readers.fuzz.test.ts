import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { createPerfParser, writePdhCsv, type ReadSummary } from '@hostplan/bench';
import { collectingSink, type CollectingSink } from '../readers/helpers.js';

/**
 * Fuzz suites of the perf readers: any bytes, pushed in any chunks, give a summary or a
 * HostplanError located at file:line:column, never another exception; valid logs read the
 * same whatever the chunking. Inputs stay small, so that each suite takes a few seconds.
 */

const FILE = 'fuzz.log';
const LOCATED = /^fuzz\.log:\d+:\d+$/;

/** Reads bytes in the given chunk sizes (cycled); returns the summary or the HostplanError. */
function read(bytes: Uint8Array, chunks: readonly number[], sink: CollectingSink = collectingSink()): ReadSummary | HostplanError {
  try {
    const parser = createPerfParser(sink, { file: FILE, maxLineBytes: 4096 });
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const n = Math.max(1, chunks.length ? chunks[k % chunks.length]! : bytes.length);
      parser.push(bytes.subarray(at, at + n));
      at += n;
    }
    return parser.end();
  } catch (e) {
    if (e instanceof HostplanError) return e;
    throw e;
  }
}

/** The property every input must keep: a summary whose issues are located, or a located HostplanError. */
function expectCleanOutcome(bytes: Uint8Array, chunks: readonly number[]): void {
  const sink = collectingSink();
  const r = read(bytes, chunks, sink);
  if (r instanceof HostplanError) {
    expect(r.path).toMatch(LOCATED);
    return;
  }
  expect(r.samples).toBe(sink.values.reduce((n, v) => n + v.length, 0));
  for (const i of r.issues) {
    expect(i.file).toBe(FILE);
    expect(Number.isInteger(i.line) && Number.isInteger(i.column)).toBe(true);
  }
  for (const times of sink.times) for (const t of times) expect(Number.isFinite(t)).toBe(true);
}

const chunking = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 6 });
const enc = (s: string) => new TextEncoder().encode(s);

/** A valid PDH log of 1-4 counters and 0-6 rows, as perfmon writes it. */
const pdhLog = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 0, max: 6 }),
    variant: fc.constantFrom<'csv' | 'tsv'>('csv', 'tsv'),
    // -0 is written "0" and read back as 0: generated as 0
    values: fc.array(fc.oneof(fc.constant(Number.NaN), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x))), { minLength: 24, maxLength: 24 }),
  })
  .map(({ width, rows, variant, values }) => {
    const paths = Array.from({ length: width }, (_, i) => `\\\\H\\Obj(i${i})\\C${i}`);
    const table = Array.from({ length: rows }, (_, r) => ({ timestampMs: Date.UTC(2025, 5, 1) + r * 15_000, values: paths.map((_, c) => values[(r * width + c) % values.length]!) }));
    return { text: writePdhCsv(table, { paths, variant, zoneName: 'UTC', biasMinutes: 0 }), table, width };
  });

/** Edits that a damaged file may have undergone: bytes flipped, inserted, removed, cut. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, edits: readonly Mutation[]): Uint8Array {
  let b = Array.from(bytes);
  for (const m of edits) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    if (m.kind === 'flip' && at < b.length) b[at] = m.byte;
    else if (m.kind === 'insert') b.splice(at, 0, ...m.bytes);
    else if (m.kind === 'delete') b.splice(at, m.length);
    else if (m.kind === 'cut') b = b.slice(0, at);
  }
  return Uint8Array.from(b);
}

describe('perf readers: fuzzed input never crashes with anything but a located HostplanError', () => {
  it('arbitrary bytes (any encoding sniffing, any format detection)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), chunking, (bytes, chunks) => expectCleanOutcome(bytes, chunks)), { numRuns: 400 });
  });

  it('arbitrary text after a PDH-CSV or PDH-TSV header', () => {
    const header = fc.constantFrom('"(PDH-CSV 4.0) (UTC)(0)","\\\\H\\A\\b","\\\\H\\A(x)\\c"\r\n', '"(PDH-TSV 4.0) (Zone)(-330)"\t"\\\\H\\A\\b"\r\n', '"(PDH-CSV 4.0) (Truncated (\r\n');
    const cell = fc.oneof(fc.constantFrom('"06/01/2025 00:00:15.000"', '"01/01/0000 00:00:00"', '"12/31/9999 23:59:59.999"', '" "', '""', '"1.5e3"', '"-0"', '"NaN"', '"1e400"', '"', ',', '\t', '\r\n', '\n'), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(header, fc.array(cell, { maxLength: 60 }), chunking, (h, cells, chunks) => expectCleanOutcome(enc(h + cells.join('')), chunks)),
      { numRuns: 400 },
    );
  });

  it('sadf -d shaped text: headers, rows, restarts, odd times and cells', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '# hostname;interval;timestamp;CPU;%user;%idle',
        '# hostname;interval;timestamp;kbmemfree;kbavail',
        '# hostname;interval;timestamp',
        'h;600;2025-06-01 00:10:00 UTC;-1;1.5;98',
        'h;600;2025-06-01 00:10:00;0;x;98',
        'h;600;0000-01-01 00:00:00 UTC;1;2',
        'h;-1;2025-06-01 00:00:00 UTC;LINUX-RESTART\t(4 CPU)',
        'h;-1;1748736000;COM hello',
        'h;600;1748736600;100;200',
      ),
      fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('-1', 'all', '1e9', '', ';')), { maxLength: 8 }).map((cells) => cells.join(';')),
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 25 }), chunking, (lines, chunks) => expectCleanOutcome(enc(lines.join('\n')), chunks)), { numRuns: 300 });
  });

  it('generic CSV shaped text: wide and long forms, quotes, epochs and ISO times', () => {
    const head = fc.constantFrom('time,cpu,mem', 'timestamp;entity;metric;value', 'Timestamp [ms];CPU usage [MHZ]', 'ts\tvalue', 'date,"a ""b""",c');
    const cell = fc.oneof(fc.constantFrom('1700000000', '1700000000000', '2025-06-01T00:00:00Z', '2025-06-01 00:00:00', '06/01/2025 00:00:00', '1e300', '-5', '"q,uoted"', '"open', '', ' '), fc.string({ maxLength: 8 }));
    const row = fc.tuple(fc.array(cell, { maxLength: 5 }), fc.constantFrom(',', ';', '\t')).map(([cells, sep]) => cells.join(sep));
    fc.assert(fc.property(head, fc.array(row, { maxLength: 20 }), chunking, (h, rows, chunks) => expectCleanOutcome(enc([h, ...rows].join('\n')), chunks)), { numRuns: 300 });
  });

  it('valid PDH logs with random damage: a summary or a located error', () => {
    fc.assert(fc.property(pdhLog, fc.array(mutation, { minLength: 1, maxLength: 4 }), chunking, (log, edits, chunks) => expectCleanOutcome(mutate(enc(log.text), edits), chunks)), { numRuns: 400 });
  });
});

describe('perf readers: valid input reads the same whatever the chunking', () => {
  it('a valid PDH log gives its values, in order, with no issue, in any chunks', () => {
    fc.assert(
      fc.property(pdhLog, chunking, (log, chunks) => {
        const sink = collectingSink();
        const r = read(enc(log.text), chunks, sink);
        if (r instanceof HostplanError) throw r;
        expect(r.issueCount).toBe(0);
        expect(r.rows).toBe(log.table.length);
        for (let c = 0; c < log.width; c++) {
          expect(sink.times[c]).toEqual(log.table.map((row) => row.timestampMs));
          expect(sink.values[c]).toEqual(log.table.map((row) => row.values[c]));
        }
      }),
      { numRuns: 200 },
    );
  });
});
