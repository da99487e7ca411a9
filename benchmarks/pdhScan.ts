// `npm run bench:scan`: the PDH row scanners alone on a log, parse-only, on one thread: the JS
// scanner (readers/_internals/pdhFastRow.ts scanPdhRow) against the WebAssembly one
// (pdhRowScanner.ts, its row copy included), both fed the same lines, cut from the same 1 MiB
// chunks, after a pass that only cuts the lines (what neither scanner does). It checks that the
// wasm scanner reads every row exactly as the JS one (time, missing count, every value Object.is)
// and counts the rows it refused. The other threads of `hostplan bench` are not involved: this
// measures the calling thread's parse cost only (the whole command: `npm run bench:ingest`).
//
//   npm run bench:scan                        # the benchmark log of bench:ingest (.bench/ingest/)
//   npm run bench:scan -- --file LOG --runs 5 # another PDH-CSV log (its header must be on line 1)
import { existsSync, openSync, readSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { pdhRowMissing, scanPdhRow } from '../packages/bench/src/readers/_internals/pdhFastRow.js';
import { PdhRowScanner } from '../packages/bench/src/readers/_internals/pdhRowScanner.js';

const { values: args } = parseArgs({ options: { file: { type: 'string', default: '.bench/ingest/quirky-40vms-200000rows-v1.csv' }, runs: { type: 'string', default: '3' } } });
const file = args.file!;
if (!existsSync(file)) throw new Error(`${file} not found: \`npm run bench:ingest\` generates the benchmark log, or give --file`);
const CHUNK = 1 << 20;

/** Calls `onLine` for every non-blank line after the first (the header), in 1 MiB chunks. */
function eachRow(onLine: (buf: Buffer, start: number, end: number) => void): void {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK + (64 << 20));
  let carry = 0;
  let position = 0;
  let header = true;
  for (;;) {
    const n = readSync(fd, buf, carry, CHUNK, position);
    position += n;
    const length = carry + n;
    let p = 0;
    for (let nl = buf.indexOf(10, p); nl >= 0 && nl < length; nl = buf.indexOf(10, p)) {
      const end = nl > p && buf[nl - 1] === 13 ? nl - 1 : nl;
      if (header) header = false;
      else if (end > p) onLine(buf, p, end);
      p = nl + 1;
    }
    if (n === 0) return;
    buf.copy(buf, 0, p, length);
    carry = length - p;
  }
}

/** The header's column count (cells of line 1) and separator. */
function layout(): { counters: number; separator: number } {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(1 << 20);
  const line = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('latin1').split('\n')[0]!;
  const separator = line.includes('"\t"') ? 9 : 44;
  return { counters: line.split(separator === 9 ? '"\t"' : '","').length - 1, separator };
}

const { counters, separator } = layout();
const out = new Float64Array(counters);
const check = new Float64Array(counters);
const scanner = new PdhRowScanner(separator, counters);
let rows = 0;
/** Rows neither scanner reads (the reader splits them and reports what is wrong). */
let refusedByJs = 0;
const modes: Record<string, (buf: Buffer, start: number, end: number) => void> = {
  lines: () => void rows++,
  js: (buf, start, end) => {
    rows++;
    const localMs = scanPdhRow(buf, start, end, separator, counters, out, 0);
    if (localMs !== localMs) refusedByJs++;
  },
  wasm: (buf, start, end) => {
    rows++;
    if (scanner.scanValues(buf, start, end, out) === null) refusedByJs++;
  },
};

/** CPU ms of one pass of `mode` over the log. */
function timed(mode: string): number {
  rows = 0;
  const before = process.cpuUsage();
  eachRow(modes[mode]!);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

// the check: every row read the same way by both
let mismatches = 0;
eachRow((buf, start, end) => {
  const t1 = scanPdhRow(buf, start, end, separator, counters, check, 0);
  const m1 = pdhRowMissing[0];
  const values = scanner.scanValues(buf, start, end, out);
  const t2 = values === null ? NaN : scanner.localMs;
  if (!Object.is(t1, t2) || (values !== null && (m1 !== pdhRowMissing[0] || values.some((v, i) => !Object.is(v, check[i]))))) mismatches++;
});
const refused = scanner.refusedRows;
console.log(`${file}: ${counters} counters, separator ${separator === 9 ? 'tab' : 'comma'}; load average ${loadavg()[0]!.toFixed(1)}`);
const times: Record<string, number[]> = { lines: [], js: [], wasm: [] };
for (let r = 0; r < Number(args.runs); r++) for (const mode of ['lines', 'js', 'wasm']) times[mode]!.push(timed(mode));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const net = (mode: string) => median(times[mode]!) - median(times.lines!);
for (const mode of ['lines', 'js', 'wasm']) console.log(`${mode.padEnd(5)} CPU ms ${times[mode]!.map((t) => t.toFixed(0)).join(' ')} (median ${median(times[mode]!).toFixed(0)})`);
console.log(`${rows} rows: the wasm scanner refused ${refused} (read by the JS one), ${mismatches} read differently, ${refusedByJs / (2 * Number(args.runs))} of another shape; parse net of the line cutting: JS ${net('js').toFixed(0)} ms, wasm ${net('wasm').toFixed(0)} ms = ${(net('js') / net('wasm')).toFixed(2)}x`);
if (mismatches > 0) process.exitCode = 1;
