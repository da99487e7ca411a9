import { prestartWorkers } from '@hostplan/bench';
import { threadPlan, threadsOption } from './threads.js';

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
  try {
    const plan = threadPlan(threadsOption(given).threads);
    prestartWorkers({ threads: plan.statistics, parseWorkers: plan.parseWorkers });
  } catch {
    // a bad --threads: the command reports it
  }
}
