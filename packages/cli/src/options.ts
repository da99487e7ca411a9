import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseJsonText } from '@hostplan/core';
import { UsageError } from './io.js';

/**
 * Reads a JSON file relative to the working directory; syntax errors and repeated keys name
 * file, line and column (core's parseJsonText).
 *
 * @example
 * await readJsonFile('data/plans.json', process.cwd()) // => { plans: [...] }
 */
export async function readJsonFile(file: string, cwd: string): Promise<unknown> {
  return parseJsonText(await readFile(resolve(cwd, file), 'utf8'), file);
}

/**
 * Parses a number option, or throws a usage error naming it; undefined when absent.
 *
 * @example
 * numberOption('0.35', 'margin', (n) => n >= 0 && n < 1, 'a margin in [0, 1)') // => 0.35
 */
export function numberOption(value: string | undefined, option: string, check: (n: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${option}: expected ${expected}, got ${JSON.stringify(value)}`);
  return n;
}
