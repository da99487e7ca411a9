import type { ExitCode, Io } from './io.js';

/** One `hostplan` subcommand. Each lives in its own file under commands/ and is listed in commands/index.ts. */
export interface Command {
  readonly name: string;
  /** One line for `hostplan --help`. */
  readonly summary: string;
  /** The full help text: usage, options, examples. */
  readonly help: string;
  run(args: readonly string[], io: Io): Promise<ExitCode>;
}
