// `npm run bench:statistics`: how fast PDH-CSV goes into per-series statistics through the
// library on one thread (issue 5: 150 MB/s or more on one core, at least 5x csv-parse on the
// same file in the same run), and the peak resident memory of each run. What users run, the
// whole `hostplan bench` command on all cores, is `npm run bench:ingest`.
//
//   npm run bench:statistics                      # 300 MB log: statistics, reader only, csv-parse
//   npm run bench:statistics -- --size 2GB        # the memory figure on a 2 GB log
//   options: --runs N (best of N, default 3), --no-in-memory, --no-replay, --no-csv-parse
//
// Measured lines:
// - statistics: `seriesStatistics` reading the file with the default statistics (count,
//   missing, min, max, mean, stddev, exact p50/p90/p95/p99, sustained peak, thresholds, daily
//   peaks) and the default 48 MiB memory budget: values beyond it go to the spill file, read
//   back for the exact percentiles (all in the rate: MB/s = file size / total time).
// - statistics in memory: the same with a memory budget that holds every value (in-memory).
// - statistics without a spill file (spillDirectory: false): the exact two-pass path re-reads
//   the file (passes counted in the rate), the previous default.
// - reader only: the PDH reader into a minimal sink (count, sum, min, max per series).
// - csv-parse: the reference parser doing the reader's work into the same minimal sink.
//
// The log is generated once into .bench/ingest/ (gitignored) by the project's PDH writer:
// 64 counters of a Hyper-V host (guest run time with perfmon's 17 significant digits, memory
// and byte counters as integers), 15 s samples, a blank first row for rate counters and about
// 0.5 % blank cells. Each measured read runs in a child process so that its peak RSS
// (process.resourceUsage().maxRSS) is its own; both readers feed the same sink, which keeps
// count, sum, min and max per series, and the two checksums must agree.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { isMainThread } from 'node:worker_threads';
import { readPerfFile, seriesStatistics, writePdhCsvFile, type PdhRow, type SeriesSink, type StatsResult } from '@hostplan/bench';

const GENERATOR_VERSION = 1;
const SERIES = 64;
/** seriesStatistics' default memoryBudgetBytes (48 MiB). */
const DEFAULT_BUDGET = 48 * 1024 * 1024;

/** Per-series count/sum/min/max: the work a statistics pass does at least. */
class StatsSink implements SeriesSink {
  count = new Float64Array(0);
  missing = new Float64Array(0);
  sum = new Float64Array(0);
  min = new Float64Array(0);
  max = new Float64Array(0);
  lastTimestampMs = 0;
  series(index: number): void {
    const grow = (a: Float64Array, fill: number) => {
      const b = new Float64Array(index + 1).fill(fill);
      b.set(a);
      return b;
    };
    this.count = grow(this.count, 0);
    this.missing = grow(this.missing, 0);
    this.sum = grow(this.sum, 0);
    this.min = grow(this.min, Infinity);
    this.max = grow(this.max, -Infinity);
  }
  sample(index: number, timestampMs: number, value: number): void {
    this.lastTimestampMs = timestampMs;
    if (value !== value) {
      this.missing[index]!++;
      return;
    }
    this.count[index]!++;
    this.sum[index]! += value;
    if (value < this.min[index]!) this.min[index] = value;
    if (value > this.max[index]!) this.max[index] = value;
  }
  /** Figures every run must reproduce (the sum up to rounding: statistics sum with compensation). */
  checksum(): Checksum {
    let count = 0;
    let missing = 0;
    let sum = 0;
    let extremes = 0;
    for (let i = 0; i < this.count.length; i++) {
      count += this.count[i]!;
      missing += this.missing[i]!;
      sum += this.sum[i]!;
      extremes += this.min[i]! + this.max[i]!;
    }
    return { count, missing, sum, extremes, lastMs: this.lastTimestampMs };
  }
}

/** What every measured run must agree on. */
interface Checksum {
  readonly count: number;
  readonly missing: number;
  readonly sum: number;
  readonly extremes: number;
  readonly lastMs: number;
}

/** The same figures from per-series statistics. */
function statsChecksum(stats: StatsResult): Checksum {
  let count = 0;
  let missing = 0;
  let sum = 0;
  let extremes = 0;
  let lastMs = 0;
  for (const s of stats.series) {
    count += s.count;
    missing += s.missing;
    sum += s.sum ?? 0;
    extremes += (s.min ?? Infinity) + (s.max ?? -Infinity);
    lastMs = Math.max(lastMs, s.lastMs ?? 0);
  }
  return { count, missing, sum, extremes, lastMs };
}

/** Throws unless two runs read the same values. */
function sameChecksum(what: string, a: Checksum, b: Checksum): void {
  const close = Math.abs(a.sum - b.sum) <= 1e-9 * Math.max(Math.abs(a.sum), Math.abs(b.sum));
  if (a.count !== b.count || a.missing !== b.missing || a.extremes !== b.extremes || a.lastMs !== b.lastMs || !close) {
    throw new Error(`${what}: checksums differ: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
}

const showChecksum = (c: Checksum) => `${c.count} values, ${c.missing} missing, sum ${c.sum.toPrecision(12)}`;

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(text.trim());
  if (!m) throw new Error(`invalid --size ${JSON.stringify(text)}: expected e.g. 300MB or 2GB`);
  const unit = (m[2] ?? 'MB').toUpperCase();
  return Math.round(Number(m[1]) * { B: 1, KB: 1e3, MB: 1e6, GB: 1e9 }[unit]!);
}

/** A deterministic Park-Miller generator, so the same size gives the same file. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function* rows(targetBytes: number, paths: readonly string[]): Generator<PdhRow> {
  const rnd = random(42);
  const values = new Float64Array(paths.length);
  // about 15 bytes per cell on average (quotes and comma included), plus the timestamp
  const bytesPerRow = 26 + paths.length * 15;
  const count = Math.max(2, Math.ceil(targetBytes / bytesPerRow));
  const start = Date.UTC(2024, 0, 1);
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < paths.length; i++) {
      const kind = i % 4;
      let v: number;
      if (r === 0 && kind !== 2) v = NaN; // rate counters are blank in perfmon's first row
      else if (rnd() < 0.005) v = NaN;
      else if (kind === 0) v = rnd() * 100; // % Guest Run Time: 17 significant digits
      else if (kind === 1) v = rnd() * 5000; // Disk Transfers/sec
      else if (kind === 2) v = Math.round(rnd() * 65536); // Available MBytes / Physical Memory
      else v = Math.round(rnd() * 1.25e9); // Bytes/sec
      values[i] = v;
    }
    yield { timestampMs: start + r * 15_000 + Math.round(rnd() * 20), values };
  }
}

function counterPaths(): string[] {
  const objects = [
    (vm: number) => `Hyper-V Hypervisor Virtual Processor(VM-${vm}:Hv VP 0)\\% Guest Run Time`,
    (vm: number) => `Hyper-V Virtual Storage Device(D:-Hyper-V-VM-${vm}, disk 0.vhdx)\\Read Operations/Sec`,
    (vm: number) => `Hyper-V Dynamic Memory VM(VM-${vm})\\Physical Memory`,
    (vm: number) => `Hyper-V Virtual Network Adapter(VM-${vm}_Network Adapter_{8F1D2A36-0C4B-4D71-9F3E-${String(vm).padStart(12, '0')}})\\Bytes/sec`,
  ];
  return Array.from({ length: SERIES }, (_, i) => `\\\\HV-BENCH-01\\${objects[i % 4]!(Math.floor(i / 4))}`);
}

async function ensureLog(bytes: number): Promise<string> {
  const dir = fileURLToPath(new URL('../.bench/ingest/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}pdh-${SERIES}x-${Math.round(bytes / 1e6)}MB-v${GENERATOR_VERSION}.csv`;
  if (existsSync(file)) return file;
  const started = performance.now();
  process.stdout.write(`generating ${file} ...`);
  await writePdhCsvFile(file + '.part', rows(bytes, counterPaths()), { paths: counterPaths(), zoneName: 'Eastern Daylight Time', biasMinutes: 240 });
  renameSync(file + '.part', file);
  console.log(` ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

/** The measured run, in a child process: prints one JSON line. */
async function child(mode: string, file: string, parallel: number, budgetBytes: number): Promise<void> {
  const bytes = statSync(file).size;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let checksum: Checksum;
  let passes = 1;
  let method = '';
  if (mode === 'baseline') {
    // the same process, modules loaded, nothing read: what the runtime alone holds
    checksum = new StatsSink().checksum();
  } else if (mode === 'statistics' || mode === 'statistics-replay') {
    const spillDirectory = mode === 'statistics-replay' ? false : undefined;
    const stats = await seriesStatistics((sink) => readPerfFile(file, sink), { memoryBudgetBytes: budgetBytes, spillDirectory });
    if (stats.issues.length > 0) throw new Error(`unexpected issues: ${JSON.stringify(stats.issues.slice(0, 3))}`);
    checksum = statsChecksum(stats);
    passes = stats.passes;
    method = [...new Set(stats.series.map((s) => s.method))].join('+');
  } else if (mode === 'reader') {
    const sink = new StatsSink();
    const summary = await readPerfFile(file, sink);
    if (summary.issueCount > 0) throw new Error(`unexpected issues: ${JSON.stringify(summary.issues.slice(0, 3))}`);
    checksum = sink.checksum();
  } else {
    // csv-parse, the reference parser, doing the reader's work: split, Number() per cell, the
    // perfmon timestamp to UTC, into the same minimal sink
    const sink = new StatsSink();
    const parser = createReadStream(file).pipe(parse({ relax_column_count: false }));
    let header = true;
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header) {
        header = false;
        for (let i = 1; i < record.length; i++) sink.series(i - 1);
        continue;
      }
      const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3})$/.exec(record[0]!)!;
      const t = Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!) + 240 * 60_000;
      for (let i = 1; i < record.length; i++) {
        const cell = record[i]!;
        sink.sample(i - 1, t, cell === ' ' || cell === '' ? NaN : Number(cell));
      }
    }
    checksum = sink.checksum();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const totalBytes = mode === 'baseline' ? 0 : bytes;
  const mbPerSecond = totalBytes / 1e6 / seconds;
  const mbPerCpuSecond = totalBytes / 1e6 / cpuSeconds;
  console.log(JSON.stringify({ mode, bytes: totalBytes, seconds, cpuSeconds, mbPerSecond, mbPerCpuSecond, maxRssMB: process.resourceUsage().maxRSS / 1024, checksum, passes, method }));
}

interface Measure {
  readonly mode: string;
  readonly bytes: number;
  readonly seconds: number;
  readonly mbPerSecond: number;
  /** Bytes per second of CPU time (user + system) of the reading process: steadier than wall time on a busy machine. */
  readonly mbPerCpuSecond: number;
  readonly cpuSeconds: number;
  readonly maxRssMB: number;
  readonly checksum: Checksum;
  readonly passes: number;
  readonly method: string;
}

function measure(mode: string, file: string, parallel = 1, budgetBytes = DEFAULT_BUDGET): Measure {
  const script = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [...process.execArgv, script, '--child', mode, file, String(parallel), String(budgetBytes)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${mode} child failed (${run.status}): ${run.stderr}`);
  const line = run.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as Measure;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]!, args[2]!, Number(args[3] ?? 1), Number(args[4] ?? DEFAULT_BUDGET));
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const size = parseSize(option('--size') ?? '300MB');
  const runs = Number(option('--runs') ?? 3);
  const file = await ensureLog(size);
  const bytes = statSync(file).size;
  const mb = bytes / 1e6;
  console.log(`file: ${file} (${mb.toFixed(0)} MB, ${SERIES} series); best of ${runs} runs, each in its own process; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);

  const best = (label: string, mode: string, n: number, p = 1, budget = DEFAULT_BUDGET): Measure => {
    let top: Measure | null = null;
    for (let i = 0; i < n; i++) {
      const m = measure(mode, file, p, budget);
      const how = m.method ? `  ${m.method}, ${m.passes} pass${m.passes > 1 ? 'es' : ''}` : '';
      console.log(`  ${label.padEnd(22)} ${m.mbPerSecond.toFixed(1).padStart(7)} MB/s wall  ${m.mbPerCpuSecond.toFixed(1).padStart(7)} MB/s CPU  ${m.seconds.toFixed(2).padStart(7)} s  peak RSS ${m.maxRssMB.toFixed(0).padStart(5)} MB${how}`);
      if (!top || m.mbPerCpuSecond > top.mbPerCpuSecond) top = m;
    }
    return top!;
  };
  const rate = (m: Measure) => `${m.mbPerSecond.toFixed(1)} MB/s wall, ${m.mbPerCpuSecond.toFixed(1)} MB/s of CPU time`;
  const baseline = measure('baseline', file);
  const stats = best('statistics', 'statistics', runs);
  const lines = [
    `statistics (seriesStatistics, default options, ${stats.method}, ${stats.passes} pass${stats.passes > 1 ? 'es' : ''} over the file): ${rate(stats)} on one thread (target >= 150); peak RSS ${stats.maxRssMB.toFixed(0)} MB (target < 300 MB on 2 GB; the process without reading: ${baseline.maxRssMB.toFixed(0)} MB)`,
  ];
  if (!args.includes('--no-in-memory') && bytes < 600e6) {
    // a budget that holds every value (8 bytes each, chunks rounded up): one pass
    const oneBudget = Math.ceil(bytes / 4) * 8;
    const one = best('statistics, in-memory', 'statistics', runs, 1, oneBudget);
    sameChecksum('in-memory statistics', one.checksum, stats.checksum);
    lines.push(`statistics in memory (memoryBudgetBytes ${(oneBudget / 2 ** 20).toFixed(0)} MiB, ${one.method}): ${rate(one)}; peak RSS ${one.maxRssMB.toFixed(0)} MB`);
  }
  if (!args.includes('--no-replay')) {
    const replay = best('statistics, no spill', 'statistics-replay', 1);
    sameChecksum('statistics without a spill file', replay.checksum, stats.checksum);
    lines.push(`statistics without a spill file (spillDirectory: false, ${replay.method}, ${replay.passes} passes over the file): ${rate(replay)}; peak RSS ${replay.maxRssMB.toFixed(0)} MB`);
  }
  const reader = best('reader only', 'reader', runs);
  sameChecksum('reader', reader.checksum, stats.checksum);
  lines.push(`reader only (minimal sink, the previous figure): ${rate(reader)}; peak RSS ${reader.maxRssMB.toFixed(0)} MB`);
  if (!args.includes('--no-csv-parse')) {
    const reference = best('csv-parse', 'csv-parse', Math.min(runs, 2));
    sameChecksum('csv-parse', reference.checksum, stats.checksum);
    lines.push(`csv-parse (same minimal sink): ${rate(reference)}; peak RSS ${reference.maxRssMB.toFixed(0)} MB`);
    lines.push(`ratio statistics / csv-parse: ${(stats.mbPerSecond / reference.mbPerSecond).toFixed(2)}x wall, ${(stats.mbPerCpuSecond / reference.mbPerCpuSecond).toFixed(2)}x CPU time (target >= 5); reader only / csv-parse: ${(reader.mbPerCpuSecond / reference.mbPerCpuSecond).toFixed(2)}x CPU time`);
  }
  lines.push(`checksums equal across runs: ${showChecksum(stats.checksum)}`);
  console.log('\n' + lines.join('\n'));
}

// only the main thread runs the benchmark (worker threads never import this module, but stay safe)
if (isMainThread) await main();
