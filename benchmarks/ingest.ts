// `npm run bench:ingest`: what a user runs, timed whole. `hostplan bench FILE --json OUT` (the
// built CLI, a child process, its default threads: the cores, at most 4; or --threads) on a perfmon log of a 40-VM host
// with a real log's quirks (benchmarks/ingest/quirkyLog.ts: 126 counters, 200,000 rows, about
// 360 MB), next to csv-parse counting and summing each column and DuckDB (all cores) computing
// count, min, max, mean, stddev and exact p50/p90/p95/p99 per column, each in its own child
// process run by node alone (the references bundled into plain JavaScript first, as hostplan's
// CLI is built: no TypeScript loading in anyone's time), in rounds (hostplan, DuckDB, csv-parse)
// so that each round's ratios share the machine's load. Prints each round, then the best and
// median of the times, ratios and peak RSS. The three answers must agree: counts per column
// exactly, means to 1e-9, p95 (hostplan and DuckDB, both type 7) to 1e-12.
//
//   npm run bench:ingest                            # 3 rounds on the 200,000-row log
//   npm run bench:ingest -- --rows 1150000 --runs 1 --no-csv-parse   # 2 GB: the memory figure
//   options: --runs N, --rows N, --threads N (hostplan's), --no-duckdb, --no-csv-parse,
//   --one-thread (hostplan bench --threads 1 as well, in each round: what the threads gain)
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureQuirkyLog, quirkyPaths } from './ingest/quirkyLog.js';
import type { ColumnAnswer } from './ingest/references.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const peakRss = fileURLToPath(new URL('./ingest/peakRss.mjs', import.meta.url));

interface Run {
  readonly seconds: number;
  /** User + system CPU time of every thread of the process. */
  readonly cpuSeconds: number;
  readonly peakRssMB: number;
  readonly answer: ColumnAnswer[];
}

/** Runs a node child with the peak-RSS hook; wall time includes its start-up, as a user's does. */
function timed(args: readonly string[], what: string): { seconds: number; cpuSeconds: number; peakRssMB: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', peakRss, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${what} failed (${run.status}): ${run.stderr}`);
  const usage = /peak-rss-kb (\d+) cpu-ms (\d+)/.exec(run.stderr);
  return { seconds, cpuSeconds: usage ? Number(usage[2]) / 1000 : NaN, peakRssMB: usage ? Number(usage[1]) / 1024 : NaN, stdout: run.stdout };
}

function hostplan(file: string, threads: string | undefined): Run {
  const out = `${root}.bench/ingest/hostplan-bench.json`;
  const r = timed(['packages/cli/bin/hostplan.js', 'bench', file, '--json', out, ...(threads ? ['--threads', threads] : [])], 'hostplan bench');
  const json = JSON.parse(readFileSync(out, 'utf8')) as { series: { count: number; mean: number | null; p95: number | null }[] };
  return { seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakRssMB: r.peakRssMB, answer: json.series.map((s) => ({ count: s.count, mean: s.mean, p95: s.p95 })) };
}

/**
 * Bundles the reference answers' child (ingest/referenceChild.ts) into plain JavaScript next to the
 * log, so that csv-parse and DuckDB run in node alone, as hostplan's built CLI does (not through
 * tsx, whose TypeScript loading cost each of them ~0.3 s of start-up). Returns its path.
 */
async function bundleReferenceChild(): Promise<string> {
  const { build } = await import('esbuild');
  const out = `${root}.bench/ingest/referenceChild.mjs`;
  await build({ entryPoints: [fileURLToPath(new URL('./ingest/referenceChild.ts', import.meta.url))], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return out;
}

let referenceChild = '';

function reference(mode: 'csv-parse' | 'duckdb', file: string): Run {
  const r = timed([referenceChild, mode, file, String(quirkyPaths().length)], mode);
  return { seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakRssMB: r.peakRssMB, answer: JSON.parse(r.stdout.trim().split('\n').pop()!) as ColumnAnswer[] };
}

const near = (a: number | null | undefined, b: number | null | undefined, tolerance: number) =>
  a === b || (a != null && b != null && Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a)));

/** Throws unless `other` answers what hostplan answered. */
function agree(what: string, mine: ColumnAnswer[], other: ColumnAnswer[]): void {
  if (mine.length !== other.length) throw new Error(`${what}: ${other.length} columns, hostplan ${mine.length}`);
  mine.forEach((m, i) => {
    const o = other[i]!;
    if (m.count !== o.count || !near(m.mean, o.mean, 1e-9) || (o.p95 !== undefined && !near(m.p95, o.p95, 1e-12))) {
      throw new Error(`${what}: column ${i + 1} differs: hostplan ${JSON.stringify(m)}, ${what} ${JSON.stringify(o)}`);
    }
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const runs = Number(option('--runs') ?? 3);
  const threads = option('--threads');
  // the CLI runs the bundles: tsc, then the bundle step (`npm run build`)
  for (const step of [['node_modules/typescript/bin/tsc', '-b', 'packages/core', 'packages/bench', 'packages/report', 'packages/cli'], ['scripts/bundle.mjs']]) {
    const build = spawnSync(process.execPath, step, { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  }
  referenceChild = await bundleReferenceChild();
  const file = await ensureQuirkyLog(Number(option('--rows') ?? 200_000));
  const mb = statSync(file).size / 1e6;
  console.log(`${file}: ${mb.toFixed(0)} MB, ${quirkyPaths().length} counters; ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}; hostplan --threads ${threads ?? `default (${availableParallelism()})`}`);
  const tools = [['duckdb', !args.includes('--no-duckdb')], ['csv-parse', !args.includes('--no-csv-parse')]] as const;
  const rows: Record<string, Run[]> = { hostplan: [], 'hostplan --threads 1': [], duckdb: [], 'csv-parse': [] };
  for (let round = 1; round <= runs; round++) {
    const mine = hostplan(file, threads);
    rows.hostplan!.push(mine);
    let line = `round ${round} (load ${loadavg()[0]!.toFixed(1)}): hostplan bench ${mine.seconds.toFixed(2)} s (${(mb / mine.seconds).toFixed(0)} MB/s, CPU ${mine.cpuSeconds.toFixed(2)} s, peak RSS ${mine.peakRssMB.toFixed(0)} MB)`;
    for (const [tool, on] of tools) {
      if (!on) continue;
      const r = reference(tool, file);
      agree(tool, mine.answer, r.answer);
      rows[tool]!.push(r);
      line += `; ${tool} ${r.seconds.toFixed(2)} s = ${(r.seconds / mine.seconds).toFixed(2)}x (CPU ${r.cpuSeconds.toFixed(2)} s, peak RSS ${r.peakRssMB.toFixed(0)} MB)`;
    }
    if (args.includes('--one-thread')) {
      const one = hostplan(file, '1');
      agree('hostplan --threads 1', mine.answer, one.answer);
      rows['hostplan --threads 1']!.push(one);
      line += `; hostplan --threads 1 ${one.seconds.toFixed(2)} s = ${(one.seconds / mine.seconds).toFixed(2)}x (CPU ${one.cpuSeconds.toFixed(2)} s, peak RSS ${one.peakRssMB.toFixed(0)} MB)`;
    }
    console.log(line);
  }
  console.log('\n| run | best | median | ratio to hostplan, best / median | CPU time, median | peak RSS, median |\n|---|---|---|---|---|---|');
  for (const tool of ['hostplan', 'hostplan --threads 1', 'duckdb', 'csv-parse'] as const) {
    const rs = rows[tool]!;
    if (rs.length === 0) continue;
    const ratios = rs.map((r, i) => r.seconds / rows.hostplan![i]!.seconds);
    const ratio = tool === 'hostplan' ? '' : `${Math.max(...ratios).toFixed(2)}x / ${median(ratios).toFixed(2)}x`;
    console.log(`| ${tool} | ${Math.min(...rs.map((r) => r.seconds)).toFixed(2)} s | ${median(rs.map((r) => r.seconds)).toFixed(2)} s | ${ratio} | ${median(rs.map((r) => r.cpuSeconds)).toFixed(2)} s | ${median(rs.map((r) => r.peakRssMB)).toFixed(0)} MB |`);
  }
  console.log('answers agree: counts per column, means, p95 (DuckDB)');
}

await main();
