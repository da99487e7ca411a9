import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { measureDemand, prestartWorkers, writePdhCsv, type ReadOptions, type SeriesSink } from '@hostplan/bench';
import { readPerfFileTuned } from '../../src/readers/readPerf.js';
import type { ParallelTuning } from '../../src/readers/parallel/readParallel.js';

// A parallel read (chunks parsed apart, replayed in file order) gives exactly the sequential
// read's sink calls and progress reports (their bytes) in the same order, issues, summary, errors, for PDH logs with perfmon's quirks and damage,
// chunks cut anywhere (down to a byte), and lines longer than what a worker takes.
const dir = mkdtempSync(join(tmpdir(), 'hostplan-parallel-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Every call a sink gets, in order, values copied (a row's array is reused). */
function recordingSink(rows: boolean): SeriesSink & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    series: (i, key) => calls.push(['series', i, key]),
    sample: (i, t, v) => calls.push(['sample', i, t, v]),
    ...(rows && { row: (t: number, values: Float64Array, count: number) => calls.push(['row', t, Array.from(values.subarray(0, count))]) }),
    issue: (issue) => calls.push(['issue', issue]),
    event: (e) => calls.push(['event', e]),
  };
}

const counterName = fc.constantFrom('\\\\H\\Processor(_Total)\\% Processor Time', '\\\\H\\Memory\\Available MBytes', '\\\\H\\LogicalDisk(C:, data)\\Disk Reads/sec', '\\\\H\\Hyper-V Hypervisor Virtual Processor(vm1:Hv VP 0)\\% Guest Run Time', '\\\\H\\Network Interface(a, "b")\\Bytes Total/sec');
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -330, max: 330 })).map(([m, e]) => `${m}.25e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(3, '0')}`),
  fc.constantFrom('0.000000', '-0', '1.7976931348623157e308', '4.9e-324'),
);
const cell = fc.oneof({ weight: 12, arbitrary: number.map((n) => `"${n}"`) }, { weight: 2, arbitrary: fc.constantFrom('" "', '""') }, { weight: 1, arbitrary: fc.constantFrom('"abc"', '"1.2.3"', '"-1.#IND"', '12', '"7"x', '"unterminated', '"say ""hi"""') });
const two = (n: number) => String(n).padStart(2, '0');
const time = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 999 })).map(([s, ms]) => `01/02/2024 00:${two(s % 60)}:${two(s)}.${String(ms).padStart(3, '0')}`) },
  { weight: 1, arbitrary: fc.constantFrom('13/40/2024 00:00:00.000', 'yesterday', '01/01/2250 00:00:00.000', '01/01/1950 00:00:00', '02/31/2024 00:00:00.5', '') },
);
type Line = { kind: 'row'; time: string; cells: string[] } | { kind: 'blank' } | { kind: 'junk'; text: string } | { kind: 'long'; bytes: number };
const lineArb = (counters: number): fc.Arbitrary<Line> => fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('row' as const), time, cells: fc.array(cell, { minLength: counters, maxLength: counters }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('row' as const), time, cells: fc.array(cell, { maxLength: counters + 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('junk' as const), text: fc.constantFrom('\r', ' ', '"', 'x,y', '\t') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('long' as const), bytes: fc.integer({ min: 50, max: 9000 }) }) },
);
const logArb: fc.Arbitrary<Log> = fc.integer({ min: 1, max: 4 }).chain((counters) => fc.record({
  tsv: fc.boolean(),
  zone: fc.constantFrom('(UTC)(0)', '(Eastern Daylight Time)(240)', '(India Standard Time)(-330)', '(RTZ 2 ('),
  paths: fc.array(counterName, { minLength: counters, maxLength: counters }),
  lines: fc.array(lineArb(counters), { maxLength: 60 }),
  crlf: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  ending: fc.constantFrom('break' as const, 'none' as const, 'cut' as const),
  cut: fc.nat(),
}));

type Log = { tsv: boolean; zone: string; paths: string[]; lines: Line[]; crlf: boolean[]; ending: 'break' | 'none' | 'cut'; cut: number };

/** The log's text: lines ending in CRLF or LF by turns of `crlf`, the last with a line break, none, or cut in the middle. */
function logText(log: Log): string {
  const sep = log.tsv ? '\t' : ',';
  const text = (l: Line) => (l.kind === 'row' ? [`"${l.time}"`, ...l.cells].join(sep) : l.kind === 'blank' ? '' : l.kind === 'junk' ? l.text : `"01/02/2024 00:00:01.000"${sep}"${'9'.repeat(l.bytes)}"`);
  const head = [`"(PDH-${log.tsv ? 'TSV' : 'CSV'} 4.0) ${log.zone}"`, ...log.paths.map((p) => `"${p.replaceAll('"', '""')}"`)].join(sep);
  const lines: string[] = [head, ...log.lines.map(text)];
  let out = lines.map((l, i) => l + (log.crlf[i % log.crlf.length] ? '\r\n' : '\n')).join('');
  if (log.ending === 'none') out = out.replace(/\r?\n$/, '');
  if (log.ending === 'cut' && log.lines.length > 0) {
    const last = out.lastIndexOf('\n', out.length - 2) + 1;
    out = out.slice(0, last + (log.cut % (out.length - last)));
  }
  return out;
}

const optionsArb: fc.Arbitrary<ReadOptions> = fc.record({
  maxIssues: fc.integer({ min: 0, max: 6 }),
  strict: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  maxLineBytes: fc.constantFrom(undefined, 100, 3000, 7000),
  chunkBytes: fc.constantFrom(undefined, 4096, 5000),
  progressEveryBytes: fc.integer({ min: 1, max: 9000 }),
}, { requiredKeys: ['maxIssues'] }).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as ReadOptions);

const tuningArb = (workers: fc.Arbitrary<number>) => fc.record({
  workers,
  rangeBytes: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 3000 })),
  inFlight: fc.integer({ min: 1, max: 4 }),
  longLineBytes: fc.integer({ min: 8, max: 10_000 }),
  // a body shorter than minBytes is read on the calling thread after the header pause
  minBytes: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }) }),
});

/**
 * What a read gives: every sink call and progress report (its bytes) in the order they came,
 * and the summary (its wall time aside) or the error's message.
 */
async function outcome(path: string, options: ReadOptions, rows: boolean, tuning: (ParallelTuning & { minBytes: number }) | null) {
  const sink = recordingSink(rows);
  const o: ReadOptions = { ...options, onProgress: (p) => sink.calls.push(['progress', p.bytesDone, p.bytesTotal]) };
  try {
    const { elapsedMs: _elapsed, ...summary } = await readPerfFileTuned(path, sink, o, tuning);
    return { calls: sink.calls, summary };
  } catch (e) {
    return { calls: sink.calls, error: (e as Error).message };
  }
}

async function checkSame(log: Log, options: ReadOptions, rows: boolean, t: ParallelTuning & { minBytes: number }) {
  const path = join(dir, `log${files++}.csv`);
  writeFileSync(path, logText(log));
  const tuning = { ...t, longLineBytes: Math.min(t.longLineBytes, options.maxLineBytes ?? Infinity) };
  const sequential = await outcome(path, options, rows, null);
  const parallel = await outcome(path, options, rows, tuning);
  expect(parallel).toEqual(sequential);
  rmSync(path);
}

describe('readPerfFile in parallel chunks (parse workers) against the sequential read', () => {
  it('property: the same sink calls (values bit for bit) and progress reports in the same order, issues, summary and errors, chunks cut anywhere, parsed on the calling thread', async () => {
    await fc.assert(fc.asyncProperty(logArb, optionsArb, fc.boolean(), tuningArb(fc.constant(0)), (log, options, rows, t) => checkSame(log, options, rows, t)), { numRuns: 400 });
  });

  it('property: the same with 1 to 3 parse worker threads', async () => {
    await fc.assert(fc.asyncProperty(logArb, optionsArb, fc.boolean(), tuningArb(fc.integer({ min: 1, max: 3 })), (log, options, rows, t) => checkSame(log, options, rows, t)), { numRuns: 25 });
  }, 300_000);

  it('a read after prestartWorkers started 1 or 2 parse workers ahead (the same count as the read or another) gives the sequential calls (property)', async () => {
    await fc.assert(fc.asyncProperty(logArb, tuningArb(fc.integer({ min: 1, max: 2 })), fc.integer({ min: 1, max: 2 }), async (log, t, started) => {
      prestartWorkers({ parseWorkers: started });
      await checkSame(log, {}, true, t);
    }), { numRuns: 10 });
  }, 300_000);

  it.skipIf(process.platform === 'win32')('a named pipe is read as a stream (no positions, no workers): the same calls and summary as the same bytes in a file', async () => {
    const log: Log = { tsv: false, zone: '(UTC)(0)', paths: ['\\\\H\\Memory\\Available MBytes'], lines: Array.from({ length: 3000 }, (_, r) => ({ kind: 'row' as const, time: `01/02/2024 00:00:${String(r % 60).padStart(2, '0')}.000`, cells: [`"${r}"`] })), crlf: [true], ending: 'cut', cut: 7 };
    const text = logText(log);
    const file = join(dir, 'piped.csv');
    const fifo = join(dir, 'pipe');
    writeFileSync(file, text);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const tuning = { workers: 1, rangeBytes: 100, inFlight: 2, longLineBytes: 1000, minBytes: 0 };
    const writer = createWriteStream(fifo);
    writer.end(text);
    const piped = await outcome(fifo, { file: 'log' }, true, tuning);
    const fromFile = await outcome(file, { file: 'log' }, true, null);
    expect(piped).toEqual(fromFile);
    expect(fromFile.summary?.rows).toBe(3000);
  });

  it('measureDemand (statistics read twice: two-pass percentiles, spilled) over a parallel read equals it over the sequential read', async () => {
    const paths = ['vmA:Hv VP 0', 'vmA:Hv VP 1', 'vmB:Hv VP 0'].map((i) => `\\\\HV1\\Hyper-V Hypervisor Virtual Processor(${i})\\% Guest Run Time`)
      .concat(['\\\\HV1\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time', '\\\\HV1\\Memory\\Available MBytes']);
    const text = writePdhCsv(Array.from({ length: 4000 }, (_, r) => ({
      timestampMs: Date.UTC(2024, 0, 1) + (r === 2000 ? 1999 : r) * 15_000,
      values: [((r * 37) % 101) * 0.97, r % 13 === 0 ? NaN : (r * 11) % 100, 80 + (r % 20), 40 + ((r * 7) % 55), 1000 + ((r * 91) % 4000)],
    })), { paths });
    // a damaged row and a blank line in the middle
    const lines = text.split('\r\n');
    lines.splice(1500, 0, '"01/01/2024 06:15:00.000","x","1"', '');
    const path = join(dir, 'demand.csv');
    writeFileSync(path, lines.join('\r\n'));
    const sourceOf = (tuning: (ParallelTuning & { minBytes: number }) | null) => async (sink: SeriesSink) => {
      await readPerfFileTuned(path, sink, {}, tuning);
    };
    const stats = { memoryBudgetBytes: 8192, spillDirectory: false as const };
    const sequential = await measureDemand(sourceOf(null), { clockGHz: 2.5, stats });
    const parallel = await measureDemand(sourceOf({ workers: 2, rangeBytes: 20_000, inFlight: 3, longLineBytes: 1 << 20, minBytes: 0 }), { clockGHz: 2.5, stats });
    expect(sequential.stats.passes).toBeGreaterThan(1);
    expect(parallel).toEqual(sequential);
    expect(sequential.vms.map((v) => v.id).sort()).toEqual(['vmA', 'vmB']);
  }, 120_000);
});
