import type { ExitCode, Io } from './io.js';

/** One `hostplan` subcommand. Each lives in its own file under commands/ and is listed in commands/index.ts. */
export interface Command {
  /** The subcommand word, as typed after `hostplan` (`plan`, `bench`...). */
  readonly name: string;
  /** One line for `hostplan --help`. */
  readonly summary: string;
  /** The full help text: usage, options, examples. */
  readonly help: string;
  /**
   * Runs the command with the arguments after its name, writing output through `io` (never to
   * `process` directly). Resolves to the exit code; throws `HostplanError` or `UsageError` for bad
   * input or usage, which `main` prints as one line and turns into exit code 2.
   *
   * @example
   * const hello: Command = {
   *   name: 'hello', summary: 'Greets', help: 'Usage: hostplan hello NAME',
   *   async run(args, io) {
   *     if (args.length !== 1) throw new UsageError('expected one NAME');
   *     io.stdout.write(`hello ${args[0]}\n`);
   *     return EXIT.ok;
   *   },
   * };
   * await hello.run(['hv01'], io) // => 0, and io.stdout got 'hello hv01\n'
   */
  run(args: readonly string[], io: Io): Promise<ExitCode>;
}
