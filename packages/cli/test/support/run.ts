import { fileURLToPath } from 'node:url';
import { main } from '../../src/main.js';

/** The repository root: the working directory of CLI runs in tests. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs `hostplan` in-process with captured output; returns the exit code and both streams. */
export async function run(args: readonly string[], cwd = ROOT, isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, isTTY };
  const code = await main(args, io);
  return { code, out, err };
}
