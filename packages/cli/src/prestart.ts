import { prestartWorkers } from '@hostplan/bench/prestart';
import { defaultThreads, threadPlan } from './threadPlan.js';

// Imported by bin/hostplan.js before anything else: it loads only bench's small prestart entry
// and node:os, so that the workers start a few ms into the process, not after the big bundles.

/**
 * Before the command's modules load: when the arguments are a `hostplan bench` or `plan --perf`
 * run, starts the worker threads its `--threads` (or the CLI's default) plans ({@link threadPlan}), so
 * that they boot on the otherwise idle cores meanwhile (about 0.1 s of CPU each). Anything
 * unusual (`--help`, a bad `--threads`) starts nothing: the command itself then says what is wrong.
 *
 * @example
 * prestart(['bench', 'host.csv', '--json', 'out.json']) // on a 2-core machine: one statistics worker
 */
export function prestart(argv: readonly string[]): void {
  const [name, ...rest] = argv.filter((a) => a !== '--quiet' && a !== '-q');
  if (name !== 'bench' && !(name === 'plan' && rest.includes('--perf'))) return;
  if (rest.includes('--help') || rest.includes('-h')) return;
  const at = rest.indexOf('--threads');
  const given = at >= 0 ? rest[at + 1] : rest.find((a) => a.startsWith('--threads='))?.slice('--threads='.length);
  // what threadsOption accepts (a whole number >= 1); anything else the command reports
  const threads = given === undefined ? defaultThreads() : given.trim() === '' ? NaN : Number(given);
  if (!Number.isInteger(threads) || threads < 1) return;
  const plan = threadPlan(threads);
  prestartWorkers({ threads: plan.statistics, parseWorkers: plan.parseWorkers });
}
