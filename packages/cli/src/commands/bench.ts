import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  benchFromPrometheus, COLUMN_MAP_PRESETS, DEMAND_OBJECT, prometheusSource, redactedUrl, resolvePromQueries, resolvePromWindow,
  DEFAULT_COUNTER_MAP, extendCounterMap, loadHosts, loadVms, measureDemand,
  type ColumnMap, type CounterMap, type DemandResult, type PrometheusBenchOptions, type ReadOptions, type SampleSource,
} from '@hostplan/bench';
import { formatDecimal, HostplanError, parseDurationMs, parseJsonText } from '@hostplan/core';
import { prometheusBenchOptions } from '../prometheusOptions.js';
import type { Command } from '../command.js';
import { EXIT, UsageError, type ExitCode, type Io } from '../io.js';
import { writeJson } from '../output.js';
import { table } from '../table.js';
import { perfFilesSource } from '../perfFiles.js';
import { progressBar } from '../progress.js';
import { threadPlan, threadsOption, withThreadsAssumption, type ThreadsChoice } from '../threads.js';
import { demandJson, fmt, writeDemandSummary } from './benchOutput.js';

const FORMATS = ['auto', 'pdh', 'sar', 'csv'] as const;

function number(text: string | undefined, name: string, ok: (x: number) => boolean, expected: string): number | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || !ok(x)) throw new UsageError(`invalid --${name}: ${JSON.stringify(text)}; expected ${expected}`);
  return x;
}

/** `--map`: a column-map preset name, a counter map JSON ({ rules, entities }) or a column map JSON ({ time, ... }). */
async function loadMap(arg: string, cwd: string): Promise<{ counterMap?: CounterMap; columnMap?: ColumnMap | string }> {
  if (Object.hasOwn(COLUMN_MAP_PRESETS, arg)) return { columnMap: arg };
  const doc = parseJsonText(await readFile(resolve(cwd, arg), 'utf8'), arg);
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && 'time' in doc) return { columnMap: doc as ColumnMap };
  return { counterMap: extendCounterMap(doc, arg, DEFAULT_COUNTER_MAP) };
}

const BENCH_OPTIONS = {
  format: { type: 'string' }, encoding: { type: 'string' }, map: { type: 'string' }, percentile: { type: 'string' },
  comfort: { type: 'string' }, target: { type: 'string' }, window: { type: 'string' }, rollup: { type: 'boolean' },
  clock: { type: 'string' }, hosts: { type: 'string' }, vms: { type: 'string' }, 'tz-bias': { type: 'string' },
  strict: { type: 'boolean' }, 'memory-budget': { type: 'string' }, 'spill-dir': { type: 'string' }, json: { type: 'string' }, threads: { type: 'string' },
  prometheus: { type: 'string' }, query: { type: 'string', multiple: true }, preset: { type: 'string' }, 'prom-map': { type: 'string' },
  from: { type: 'string' }, to: { type: 'string' }, step: { type: 'string' }, pushdown: { type: 'boolean' }, header: { type: 'string', multiple: true },
  'max-requests': { type: 'string' }, 'max-response-mb': { type: 'string' },
} as const;

type BenchValues = ReturnType<typeof parseBenchArgs>['values'];

function parseBenchArgs(args: readonly string[]) {
  const parsed = parseArgs({ args: [...args], options: BENCH_OPTIONS, allowPositionals: true, strict: true });
  if (parsed.positionals.length === 0 && !parsed.values.prometheus) throw new UsageError('bench needs at least one FILE (or --prometheus URL)');
  if (parsed.positionals.length > 0 && parsed.values.prometheus) throw new UsageError('bench reads either FILEs or --prometheus, not both');
  return parsed;
}

/** The demand options given on the command line, checked. */
function demandNumbers(values: BenchValues) {
  return {
    percentile: number(values.percentile, 'percentile', (x) => x >= 0 && x <= 100, 'a percentile in 0..100'),
    comfortFactor: number(values.comfort, 'comfort', (x) => x > 0, 'a positive factor such as 1.3'),
    targetUtilization: number(values.target, 'target', (x) => x > 0 && x <= 1, 'a share in (0, 1]'),
    clockGHz: number(values.clock, 'clock', (x) => x > 0, 'a clock in GHz such as 2.93'),
  };
}

/** `--window`, `--memory-budget`, `--spill-dir` and `--threads` as the statistics module's options. */
function statsOptionsOf(values: BenchValues, threads: ThreadsChoice, cwd: string) {
  const budgetMB = number(values['memory-budget'], 'memory-budget', (x) => x > 0, 'a positive number of MB');
  let windowMs: number | undefined;
  if (values.window !== undefined) {
    try {
      windowMs = parseDurationMs(values.window, '--window', 'm');
    } catch (e) {
      throw e instanceof HostplanError ? new UsageError(e.message) : e;
    }
  }
  const spill = values['spill-dir'];
  if (spill === '') throw new UsageError('invalid --spill-dir: expected a directory, or none');
  return {
    ...(windowMs !== undefined && { windowMs }),
    ...(budgetMB !== undefined && { memoryBudgetBytes: budgetMB * 1024 * 1024 }),
    ...(spill !== undefined && { spillDirectory: spill === 'none' ? (false as const) : resolve(cwd, spill) }),
    threads: threadPlan(threads.threads).statistics,
    callingThreadShare: threadPlan(threads.threads).callingThreadShare,
  };
}

/** `--format`, `--encoding`, `--tz-bias` and `--strict` as the readers' options (the column map comes with `--map`). */
function readOptionsOf(values: BenchValues, threads: ThreadsChoice, io: Io): ReadOptions {
  const format = values.format ?? 'auto';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`invalid --format: ${JSON.stringify(format)}; expected one of ${FORMATS.join(', ')}`);
  const bias = number(values['tz-bias'], 'tz-bias', (x) => Number.isInteger(x) && Math.abs(x) <= 24 * 60, 'whole minutes, UTC minus local');
  const onProgress = progressBar(io);
  return {
    format: format as ReadOptions['format'] & string,
    ...(values.encoding && { encoding: values.encoding }),
    ...(bias !== undefined && { timeZoneBiasMinutes: bias }),
    ...(values.strict && { strict: true }),
    ...(onProgress && { onProgress }),
    parseWorkers: threadPlan(threads.threads).parseWorkers,
  };
}

/** Push-down mode: the engine computes the statistics, so no samples, no sustained peak and no demand. */
async function benchPushdown(prom: PrometheusBenchOptions, stats: PrometheusBenchOptions['stats'], json: string | undefined, io: Io): Promise<ExitCode> {
  const r = await benchFromPrometheus({ ...prom, ...(stats && { stats }) });
  if (json) {
    await writeJson(json, r, io);
    if (json === '-') return EXIT.ok;
  }
  io.stdout.write(`Prometheus ${r.source.url} (push-down): ${r.series.length} series, ${r.cost.requests} requests, ${r.issues.length} issues\n`);
  io.stdout.write(table(['series', 'count', 'mean', 'p95', 'max'], r.series.slice(0, 20).map((x) => [x.path, String(x.count), fmt(x.mean), fmt(x.p95), fmt(x.max)])));
  return EXIT.ok;
}

/** Nothing measured: a file that is not a perf log must not pass as an empty measurement. */
function noSeriesMessage(r: DemandResult, names: string, rows: number | null): string {
  const first = r.stats.issues[0];
  const count = r.stats.issues.length;
  return `hostplan bench: ${names}: no series read${rows === null ? '' : ` (${formatDecimal(rows)} rows)`}, ${count} issue${count === 1 ? '' : 's'}${first ? `, first ${first.file}:${first.line}:${first.column}: ${first.message}` : ''}; expected a perfmon PDH-CSV/TSV log, sadf -d output or a CSV with a timestamp column and counter columns\n`;
}

export const bench: Command = {
  name: 'bench',
  summary: 'statistics and per-VM demand from perfmon, sar or CSV performance logs',
  help: `Usage: hostplan bench FILE... [--format auto|pdh|sar|csv] [--encoding NAME] [--map FILE|NAME]
                      [--percentile 95] [--comfort 1.0] [--target 1.0] [--window 5m] [--rollup]
                      [--clock GHZ] [--hosts FILE] [--vms FILE] [--tz-bias MINUTES] [--strict]
                      [--memory-budget MB] [--spill-dir DIR|none] [--threads N] [--json OUT|-]
       hostplan bench --prometheus URL (--preset node|hyperv|libvirt | --query EXPR... | --prom-map FILE)
                      --from TIME --to TIME --step 1m [--pushdown] [--header 'Name: value']... [demand options]

Reads performance logs (perfmon PDH-CSV/TSV, sysstat sadf -d, generic CSV) and computes, per
counter, exact statistics (count, missing, min, max, mean, standard deviation, type-7
percentiles, the sustained peak over a rolling window, time over the PAL and Microsoft
thresholds), then per VM the demand at a percentile times a comfort factor (CPU GHz, memory,
IOPS, Mbps) with confidence stars, idle and oversized flags, and per host the measured figures
and the peak coincidence of its VMs. Several files are read in turn, each once: values beyond the
memory budget go to a temporary spill file (8 bytes a value, removed when done), and the
percentiles stay exact. It uses --threads threads (default: the machine's cores, at most 4): the
calling thread reads the logs and derives the demand series, the others compute the statistics
and, from 4 on, one parses a perfmon log's rows; the results are the same as on one thread.

Options:
  --format NAME        file format (default auto: from the first line)
  --encoding NAME      text encoding, e.g. windows-1251, utf-16le (default auto; code page 1252)
  --map FILE|NAME      a counter map JSON ({ "rules": [...], "entities": {...} }, added before the
                       built-in Hyper-V and sar rules; /regex/ instances and entities use RE2
                       syntax, matched in linear time), a column map JSON for generic CSV
                       ({ "time": ..., "metrics": [...] }), or a column-map preset (bitbrains)
  --percentile P       percentile each VM is sized at (default 95)
  --comfort X          comfort factor on the percentile (default 1.0; Azure Migrate uses 1.3)
  --target X           target utilisation ceiling 0..1 for suggested sizes and growth dates
                       (default 1.0; separate from the comfort factor)
  --window DURATION    sustained-peak window, e.g. 5m, 10m, 1h (default 5m)
  --rollup             size on the peak per 10-minute window, then the percentile (Azure Migrate)
  --clock GHZ          host clock for CPU GHz when --hosts does not name the host
  --hosts FILE         host inventory (JSON or CSV): clock per measured host
  --vms FILE           VM inventory (JSON or CSV): allocated sizes, guest OS, groups
  --tz-bias MINUTES    override the file's time zone bias (UTC minus local; India -330)
  --strict             stop at the first read problem
  --memory-budget MB   memory for the values behind exact percentiles (default 48); beyond
                       it they go to the spill file
  --spill-dir DIR      directory of the spill file (default: the system temporary directory,
                       TMPDIR; name a disk where that is in memory); none: no file, the logs
                       are read again instead (still exact)
  --threads N          threads in all (default: os.availableParallelism(), the cores this
                       process may use, at most 4; each worker costs 15-40 MB): the calling
                       thread reads, N-1 compute the statistics, and from 4 on one of them
                       parses a PDH log over 16 MiB instead (one parses faster than a statistics
                       thread folds); 1: everything on one thread
  --json OUT|-         write everything as JSON to OUT, or to standard output with -

Prometheus (instead of files; the bearer token comes from HOSTPLAN_PROMETHEUS_TOKEN):
  --prometheus URL     a Prometheus-compatible HTTP API
  --preset NAME        exporter queries: node, hyperv (windows_exporter) or libvirt
  --query EXPR         a PromQL expression (repeatable); --prom-map FILE for named queries
  --from, --to TIME    RFC 3339, Unix seconds or now-7d; --step 1m
  --pushdown           let the engine compute the statistics (no samples fetched, no demand)
  --header 'N: v'      request header (repeatable; a value env:VAR reads the environment),
                       sent to the URL's origin only (not after a redirect elsewhere)
  --max-requests N     requests per run (default 10000; a larger window is refused up front)
  --max-response-mb N  bytes per answer, in MiB (default 64; read as a stream and stopped there)

Exit code 2 when the files yield no series at all (not a perf log hostplan can read), with
the rows read and the first issue.

Examples:
  hostplan bench hv01.csv --clock 2.93 --comfort 1.3 --json demand.json
  hostplan bench day1.csv day2.csv --percentile 99 --window 10m
  hostplan bench bitbrains/*.csv --map bitbrains --json -`,
  async run(args, io) {
    const { values, positionals } = parseBenchArgs(args);
    const threads = threadsOption(values.threads);
    const readBase = readOptionsOf(values, threads, io);
    const numbers = demandNumbers(values);
    const statsOptions = statsOptionsOf(values, threads, io.cwd);
    const map = values.map ? await loadMap(values.map, io.cwd) : {};
    const readOptions: ReadOptions = { ...readBase, ...(map.columnMap && { columnMap: map.columnMap }) };
    const hosts = values.hosts ? await loadHosts(values.hosts, io.cwd) : undefined;
    const inventory = values.vms ? await loadVms(values.vms, io.cwd) : undefined;
    const prom = values.prometheus ? await prometheusBenchOptions(values, { cwd: io.cwd, env: process.env }) : null;
    if (prom?.pushdown) return benchPushdown(prom, statsOptions, values.json, io);
    const files = perfFilesSource(positionals, readOptions, io);
    const summaries = files.summaries;
    const promSource = prom ? prometheusSource({ endpoint: prom.endpoint, queries: resolvePromQueries(prom), window: resolvePromWindow(prom), ...(prom.maxRequests !== undefined && { maxRequests: prom.maxRequests }) }) : null;
    const source: SampleSource = promSource ? promSource.source : files.source;
    const r = await measureDemand(source, {
      ...(numbers.percentile !== undefined && { percentile: numbers.percentile }),
      ...(numbers.comfortFactor !== undefined && { comfortFactor: numbers.comfortFactor }),
      ...(numbers.targetUtilization !== undefined && { targetUtilization: numbers.targetUtilization }),
      ...(numbers.clockGHz !== undefined && { clockGHz: numbers.clockGHz }),
      ...(hosts && { hosts }),
      ...(inventory && { inventory }),
      ...(values.rollup && { useRollup: true }),
      ...((map.counterMap || promSource) && {
        map: { rules: [...(promSource?.counterMap.rules ?? []), ...(map.counterMap ?? DEFAULT_COUNTER_MAP).rules], entities: { ...map.counterMap?.entities } },
      }),
      stats: statsOptions,
    });
    const rows = summaries.reduce((n, x) => n + x.rows, 0);
    if (!r.stats.series.some((s) => s.object !== DEMAND_OBJECT)) {
      io.stderr.write(noSeriesMessage(r, promSource && prom ? redactedUrl(prom.endpoint.url) : positionals.join(', '), promSource ? null : rows));
      return EXIT.usage;
    }
    if (values.json) {
      const source = promSource && prom ? { kind: 'prometheus', url: redactedUrl(prom.endpoint.url), from: new Date(promSource.window.startMs).toISOString(), to: new Date(promSource.window.endMs).toISOString(), stepSeconds: promSource.window.stepMs / 1000, cost: promSource.cost } : null;
      await writeJson(values.json, { ...demandJson(r, summaries, source), assumptions: withThreadsAssumption(r.assumptions, threads) }, io);
      if (values.json === '-') return EXIT.ok;
    }
    const what = promSource && prom ? `Prometheus ${redactedUrl(prom.endpoint.url)} (${promSource.cost.requests} requests)` : `Read ${summaries.length} file${summaries.length === 1 ? '' : 's'}`;
    writeDemandSummary(io, r, what, promSource ? '' : `, ${formatDecimal(rows)} rows`, summaries);
    io.stdout.write(`\nPer-series statistics, alerts and assumptions: --json OUT\n`);
    return EXIT.ok;
  },
};
