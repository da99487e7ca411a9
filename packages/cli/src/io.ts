/** Where a command writes, so that tests can capture it. */
export interface Io {
  /** The command's output (reports, JSON); `process.stdout` in the CLI. */
  readonly stdout: {
    /** Writes `chunk` as it is (the caller adds line ends); the result is ignored. */
    write(chunk: string): unknown;
  };
  /** Errors, warnings and progress; `process.stderr` in the CLI. */
  readonly stderr: {
    /** Writes `chunk` as it is (the caller adds line ends); the result is ignored. */
    write(chunk: string): unknown;
  };
  /** Directory that relative file arguments are resolved against. */
  readonly cwd: string;
  /** Standard error is a terminal: progress bars may be drawn. */
  readonly isTTY: boolean;
  /**
   * The command's arguments (set by `main`): an output path named among them twice is also an
   * input, and is refused. @defaultValue none: no such check
   */
  readonly argv?: readonly string[];
}

/** Exit codes: 0 success, 1 a plan was produced but some VMs are unplaced or failover is not met, 2 bad input or usage. */
export const EXIT = { ok: 0, incomplete: 1, usage: 2 } as const;
/** One of the {@link EXIT} codes: 0, 1 or 2. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage error: the message is printed on one line and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
