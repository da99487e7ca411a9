import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Io } from './io.js';

/** Writes JSON to a file, or to standard output when `target` is `-`. Returns where it went. */
export async function writeJson(target: string, value: unknown, io: Io): Promise<string> {
  const text = JSON.stringify(value, (_k, v) => (v === Infinity ? 'Infinity' : v), 2) + '\n';
  return writeText(target, text, io);
}

/** Writes text to a file (creating folders), or to standard output when `target` is `-`. */
export async function writeText(target: string, text: string, io: Io): Promise<string> {
  if (target === '-') {
    io.stdout.write(text);
    return 'standard output';
  }
  const path = resolve(io.cwd, target);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}
