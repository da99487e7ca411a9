// How the calling thread's share of the statistics (`StatsOptions.callingThreadShare`, the CLI's
// CALLING_THREAD_SHARE on 2 threads) balances the two threads of a 2-thread run, with the PDH
// parse emulated at a chosen cost per row, so that a faster parser can be tried before it exists:
//
//   npx tsx benchmarks/callingThreadShare.ts [--file LOG] [--runs N] [--parse-us 5.5,2.2] [--shares 0,0.125,0.2,0.25,0.333]
//
// The log (default: the ingest benchmark's 357 MB quirky log, `npm run bench:ingest` makes it)
// is read once with the PDH reader into a cache file of its rows (.bench/ingest/*.rows, about 8
// bytes a value). Each measured run is a child process that loads the rows and runs
// `measureDemand` on them with 2 statistics threads and the share, calling `sink.row` row by row
// after burning the emulated parse cost (a calibrated arithmetic loop: CPU work, not sleep) on
// the calling thread; the parse today costs about 5.5 us a row on this machine (scanPdhRow's
// self time, 1.1 s for 200,000 rows). Runs are interleaved (each parse cost x each share, then
// again); per run: the run's wall, the calling thread's CPU during it (/proc/self/task), and the
// statistics worker's CPU (the busiest other thread, from the parent polling /proc every 5 ms).
// It uses the built bundle (`npm run build` first).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureDemand, readPerfFile, type SeriesKey, type SeriesSink } from '@hostplan/bench';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};

/** CPU ms of thread `tid` of process `pid` (utime + stime; clock ticks of 10 ms). */
function threadCpuMs(pid: number, tid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The rows of a log: its series keys, then `rows` rows of `width` values and their times. */
interface Rows {
  keys: SeriesKey[];
  width: number;
  times: Float64Array;
  values: Float64Array;
}

async function record(file: string, cache: string): Promise<void> {
  const keys: SeriesKey[] = [];
  const times: number[] = [];
  const chunks: Float64Array[] = [];
  let width = -1;
  const sink: SeriesSink = {
    series: (index, key) => void (keys[index] = key),
    sample: () => {
      throw new Error('a sample call: only logs of whole rows are supported');
    },
    row: (t, values, count) => {
      if (width >= 0 && count !== width) throw new Error(`rows of ${width} and ${count} values: only logs of one width are supported`);
      width = count;
      times.push(t);
      chunks.push(values.slice(0, count));
    },
    issue: () => {},
  };
  await readPerfFile(file, sink);
  const values = new Float64Array(times.length * width);
  chunks.forEach((c, r) => values.set(c, r * width));
  writeFileSync(`${cache}.json`, JSON.stringify({ keys, width, rows: times.length }));
  writeFileSync(cache, Buffer.concat([Buffer.from(Float64Array.from(times).buffer), Buffer.from(values.buffer)]));
}

function load(cache: string): Rows {
  const { keys, width, rows } = JSON.parse(readFileSync(`${cache}.json`, 'utf8')) as { keys: SeriesKey[]; width: number; rows: number };
  const bytes = readFileSync(cache);
  const all = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  return { keys, width, times: all.subarray(0, rows), values: all.subarray(rows) };
}

/** Loop iterations of {@link burn} per microsecond on this machine (the best of a few tries). */
function calibrate(): number {
  let best = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    burn(2_000_000);
    best = Math.max(best, 2_000_000 / ((performance.now() - start) * 1000));
  }
  return best;
}

let sunk = 0;
function burn(iterations: number): void {
  let x = sunk | 1;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  sunk = x;
}

async function child(cache: string, share: number, parseUs: number): Promise<void> {
  const { keys, width, times, values } = load(cache);
  const perRow = Math.round(calibrate() * parseUs);
  const row = new Float64Array(width);
  const source = (sink: SeriesSink) => {
    keys.forEach((k, i) => sink.series(i, k));
    for (let r = 0; r < times.length; r++) {
      burn(perRow);
      row.set(values.subarray(r * width, (r + 1) * width));
      sink.row!(times[r]!, row, width);
    }
  };
  const cpu0 = threadCpuMs(process.pid, process.pid);
  const t0 = performance.now();
  const result = await measureDemand(source, { stats: { threads: 2, callingThreadShare: share } });
  const wall = performance.now() - t0;
  const cpu = threadCpuMs(process.pid, process.pid) - cpu0;
  process.stdout.write(JSON.stringify({ wall, cpu, series: result.stats.series.length }) + '\n');
}

/** One run in a child process: its figures and the busiest other thread's CPU. */
function run(cache: string, share: number, parseUs: number): Promise<{ wall: number; cpu: number; worker: number }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', cache, String(share), String(parseUs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const others = new Map<number, number>();
    const poll = setInterval(() => {
      try {
        for (const t of readdirSync(`/proc/${c.pid}/task`)) if (Number(t) !== c.pid) others.set(Number(t), Math.max(others.get(Number(t)) ?? 0, threadCpuMs(c.pid!, Number(t))));
      } catch {
        // the thread or the process ended between the listing and the read
      }
    }, 5);
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) return reject(new Error(`child exited with ${code}`));
      const { wall, cpu } = JSON.parse(out) as { wall: number; cpu: number };
      resolve({ wall, cpu, worker: Math.max(0, ...others.values()) });
    });
  });
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
} else {
  const file = arg('file', `${root}.bench/ingest/quirky-40vms-200000rows-v1.csv`);
  const cache = `${file}.rows`;
  if (!existsSync(cache)) await record(file, cache);
  const runs = Number(arg('runs', '3'));
  const parseCosts = arg('parse-us', '5.5,2.2').split(',').map(Number);
  const shares = arg('shares', '0,0.125,0.2,0.25,0.3333333333333333').split(',').map(Number);
  const figures = new Map<string, { wall: number; cpu: number; worker: number }[]>();
  for (let r = 0; r < runs; r++) {
    for (const parseUs of parseCosts) {
      for (const share of shares) {
        const f = await run(cache, share, parseUs);
        const k = `${parseUs} us/row, share ${share.toFixed(3)}`;
        figures.set(k, [...(figures.get(k) ?? []), f]);
        console.log(`${k}: wall ${f.wall.toFixed(0)} ms, calling thread ${f.cpu} ms, worker ${f.worker} ms`);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log('\nparse cost, share | wall median (best) | calling thread CPU median | worker CPU median');
  for (const [k, fs] of figures) console.log(`${k} | ${median(fs.map((f) => f.wall)).toFixed(0)} (${Math.min(...fs.map((f) => f.wall)).toFixed(0)}) | ${median(fs.map((f) => f.cpu))} | ${median(fs.map((f) => f.worker))}`);
}
