/** Where a command writes, so that tests can capture it. */
export interface Io {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly cwd: string;
  /** Standard error is a terminal: progress bars may be drawn. */
  readonly isTTY: boolean;
}

/** Exit codes: 0 success, 1 a plan was produced but some VMs are unplaced or failover is not met, 2 bad input or usage. */
export const EXIT = { ok: 0, incomplete: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage error: the message is printed on one line and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
