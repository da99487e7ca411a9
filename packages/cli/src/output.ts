import { existsSync, mkdirSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fsErrorLine, isFsError } from './fsErrors.js';
import { UsageError, type Io } from './io.js';

/**
 * Temporary files this process has named: with the process id, a name no other running process
 * uses (and a random tail against a stale file of an earlier process with the same id). Not
 * node:crypto's randomBytes: importing node:crypto as an ES module costs ~5.5 ms here (node:path
 * ~1.5-2.4 ms), paid by every command that writes a file.
 */
let tempFiles = 0;

/** Writes JSON to a file, or to standard output when `target` is `-`. Returns where it went. */
export async function writeJson(target: string, value: unknown, io: Io): Promise<string> {
  const text = JSON.stringify(value, (_k, v) => (v === Infinity ? 'Infinity' : v), 2) + '\n';
  return writeText(target, text, io);
}

/** The file a path names after symbolic links, or the resolved path when it does not exist yet. */
function identity(path: string): string {
  try {
    return existsSync(path) ? realpathSync(path) : path;
  } catch {
    return path;
  }
}

/**
 * Refuses an output path that is also one of the command's inputs (named twice on the command
 * line, after resolving links): writing would destroy the input.
 */
function refuseInputAsOutput(path: string, target: string, io: Io): void {
  const args = io.argv ?? [];
  const me = identity(path);
  const named = args.filter((a) => a !== '-' && !a.startsWith('-') && identity(resolve(io.cwd, a)) === me).length;
  if (named > 1) throw new UsageError(`${target}: the output is also an input; refusing to overwrite it (choose another output file)`);
}

/**
 * Writes text to a file (creating folders), or to standard output when `target` is `-`.
 * Atomic: the text goes to a temporary file in the same folder, which is then renamed over the
 * target, so a reader (or a concurrent run) sees the old file or the new one, never a mix, and
 * a full disk leaves the old file untouched. A file-system error names the path and what it
 * means (`cannot write out/r.html: no space left on the device (ENOSPC)`). An output that is
 * also an input of the command is refused. Returns where the text went.
 *
 * @example
 * await writeText('out/report.html', html, io) // => '/abs/out/report.html'
 */
export async function writeText(target: string, text: string, io: Io): Promise<string> {
  if (target === '-') {
    io.stdout.write(text);
    return 'standard output';
  }
  const path = resolve(io.cwd, target);
  refuseInputAsOutput(path, target, io);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tempFiles}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  // synchronous calls: a command writes its outputs when it has nothing else to do, and
  // fs/promises' writeFile takes a round trip through the threadpool per 512 KB (a 9 MB bench
  // JSON: 26-38 ms from the text to the renamed file in a run, 16-23 ms written this way)
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // never written, or already gone
    }
    if (isFsError(e)) throw new UsageError(fsErrorLine(e.code === 'EISDIR' || e.syscall === 'rename' || e.path === temp ? Object.assign(e, { path }) : e, 'write', path));
    throw e;
  }
  return path;
}
