import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readPerfFile, readPerfText, type SeriesSink } from '@hostplan/bench';

const dir = mkdtempSync(join(tmpdir(), 'hostplan-inplace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sink that logs every call in order (rows copied: the reader reuses its arrays); `rows` says whether it takes whole rows. */
function loggingSink(rows: boolean): SeriesSink & { calls: unknown[] } {
  const calls: unknown[] = [];
  const sink: SeriesSink & { calls: unknown[] } = {
    calls,
    series: (i, key) => calls.push(['series', i, key]),
    sample: (i, t, v) => calls.push(['sample', i, t, Object.is(v, -0) ? '-0' : v]),
    issue: (issue) => calls.push(['issue', issue]),
  };
  if (rows) sink.row = (t, values, n) => calls.push(['row', t, [...values.subarray(0, n)].map((v) => (Object.is(v, -0) ? '-0' : v))]);
  return sink;
}

const TIMES = ['01/02/2024 03:04:05.678', '01/02/2024 03:04:20.678', '13/40/2024 03:04:05.678', '01/02/1800 00:00:00.000', 'x'];
const cell = fc.oneof({ weight: 8, arbitrary: fc.oneof(fc.constantFrom('1.5', ' ', '', '96.58319186260141', '6.148650849772921e-005', '125472', '-3', '+1', '1e5'), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)) }, fc.constantFrom('x', '1,5', '"', '1e'));
/** A data line: the common row, or one with a bad time, another cell count, an unquoted cell, or blank. */
const line = (counters: number) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.tuple(fc.constantFrom(...TIMES), fc.array(cell, { minLength: counters, maxLength: counters })) },
    fc.tuple(fc.constantFrom(...TIMES), fc.array(cell, { maxLength: counters + 2 })),
    fc.constant(null),
  ).map((l) => (l === null ? '' : `"${l[0]}"${l[1].map((c, i) => (i === 0 && c === '1.5' ? ',1.5' : `,"${c}"`)).join('')}`));

describe('readPerfFile reading chunks into the scanner’s wasm memory', () => {
  it('property: any PDH log, any chunk size, gives the same sink calls, issues and summary as readPerfText (rows straddling chunks, broken rows, CRLF or LF, a BOM, no final line break)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((counters) => fc.tuple(fc.constant(counters), fc.array(line(counters), { minLength: 1, maxLength: 40 }))),
        fc.integer({ min: 20_000, max: 40_000 }),
        fc.integer({ min: 4096, max: 7000 }),
        fc.constantFrom('\r\n', '\n'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async ([counters, lines], bytes, chunkBytes, eol, bom, finalBreak, rows) => {
          const header = `"(PDH-CSV 4.0) (W. Europe Standard Time)(-60)"${Array.from({ length: counters }, (_, i) => `,"\\\\H\\Object\\Counter ${i}"`).join('')}`;
          // the lines repeated to `bytes`: several chunks, the read buffers in use from the third read on
          const body: string[] = [];
          for (let n = 0, i = 0; n < bytes; i++) n += (body[body.length] = lines[i % lines.length]!).length + eol.length;
          const text = `${bom ? '\uFEFF' : ''}${header}${eol}${body.join(eol)}${finalBreak ? eol : ''}`;
          const file = join(dir, `log${run++}.csv`);
          writeFileSync(file, text);
          const expected = loggingSink(rows);
          const fromText = readPerfText(Buffer.from(text), expected, { maxIssues: 1000 });
          const actual = loggingSink(rows);
          const fromFile = await readPerfFile(file, actual, { chunkBytes, maxIssues: 1000, file: '<text>' });
          expect(actual.calls).toEqual(expected.calls);
          expect({ ...fromFile, elapsedMs: 0 }).toEqual({ ...fromText, elapsedMs: 0 });
        },
      ),
      { numRuns: 40 },
    );
  });
});
