import { readFileSync } from 'node:fs';
import { HostplanError } from '@hostplan/core';
import { COMMANDS } from './commands/index.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';
import { terminalSafeIo } from './terminal.js';
import { fsErrorLine, isFsError } from './fsErrors.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The list of commands with their summaries (loads every command). */
async function usage(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return `hostplan ${VERSION}: capacity planning and benchmarking for virtualization host farms

Usage: hostplan <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'hostplan <command> --help' for a command's options and examples.
Options for every command: --quiet (-q) draws no progress bar; --help; --version.
Exit codes: 0 success, 1 plan produced but VMs unplaced or failover not met, 2 bad input or usage.
`;
}

/**
 * A `UsageError`, also one thrown by a command module loaded again since (a test runner's
 * module reset): commands are loaded when they run, so the class may not be main's own.
 */
function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError || (e instanceof Error && e.name === 'UsageError');
}

/**
 * One line for any error, as `hostplan` prints it: the first line of a `HostplanError` or
 * `UsageError` (file, line, column or field, and what was expected), a missing file as
 * `cannot read PATH: no such file`, a bad option as node's parseArgs says it.
 *
 * @example
 * errorLine(new UsageError('expected --hosts FILE')) // => 'expected --hosts FILE'
 */
export function errorLine(e: unknown): string {
  if (e instanceof HostplanError || isUsageError(e)) return e.message.split('\n')[0]!;
  if (isFsError(e)) return fsErrorLine(e, 'read');
  if (e && typeof e === 'object' && 'code' in e && String((e as { code: string }).code).startsWith('ERR_PARSE_ARGS')) {
    return (e as unknown as Error).message.split('\n')[0]!;
  }
  return e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
}

/**
 * Runs `hostplan` with the given arguments and returns the exit code.
 *
 * @example
 * await main(['capacity', '--hosts', 'data/hosts.json'], io) // => 0
 */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  // nothing from the input reaches the terminal as a control sequence (ids with ESC, bidi overrides)
  io = terminalSafeIo(io);
  // --quiet anywhere: no progress bars (as when standard error is not a terminal)
  const quiet = argv.includes('--quiet') || argv.includes('-q');
  if (quiet) io = { ...io, isTTY: false };
  const [name, ...rest] = argv.filter((a) => a !== '--quiet' && a !== '-q');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`hostplan: unknown command ${JSON.stringify(name)}; run 'hostplan --help' for the list\n`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(rest, { ...io, argv: rest });
  } catch (e) {
    io.stderr.write(`hostplan ${name}: ${errorLine(e)}\n`);
    const known = e instanceof HostplanError || isUsageError(e) ||
      isFsError(e) || (e && typeof e === 'object' && 'code' in e && String((e as { code: string }).code).startsWith('ERR_PARSE_ARGS'));
    if (!known && process.env.HOSTPLAN_DEBUG) io.stderr.write(`${(e as Error).stack}\n`);
    return EXIT.usage;
  }
}
