import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PACK_EFFORT, formatDecimal, packVectors, parseVbp } from '@hostplan/core';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { writeText } from '../output.js';
import { table } from '../table.js';

/** The `.vbp` files named on the command line: files as given, folders searched recursively, sorted. */
async function vbpFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    if ((await stat(full)).isDirectory()) {
      const entries = await readdir(full, { recursive: true });
      out.push(...entries.filter((e) => e.endsWith('.vbp')).sort().map((e) => join(full, e)));
    } else {
      out.push(full);
    }
  }
  return out;
}

function integerOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name}: expected an integer >= 0, got ${JSON.stringify(value)}`);
  return n;
}

export const pack: Command = {
  name: 'pack',
  summary: 'vector bin packing of VPSolver .vbp instances (benchmark the placement engine)',
  help: `Usage: hostplan pack FILE|DIR ... [--effort N] [--seed N] [--json OUT|-]

Packs each VPSolver .vbp instance (line 1 dimensions d, line 2 the d bin capacities, line 3
the number of item types, then "w_1 ... w_d demand" per type) with the placement engine's
packVectors and prints bins used against the lower bound (max over dimensions of
ceil(total size / capacity)). Folders are searched recursively for *.vbp files.

Options:
  --effort N     improvement budget in move evaluations (default ${formatDecimal(DEFAULT_PACK_EFFORT)}; 0: greedy only)
  --seed N       seed of the search's tie-breaking (default 1)
  --json OUT|-   one JSON line per instance: { "file", "bins", "lowerBound", "assignment", "elapsedMs" };
                 assignment = bin index of each item, demands expanded, in file order

Examples:
  hostplan pack ../shared/data/vbp/ct01/CT01/CL_1_25_1.vbp
  hostplan pack ../shared/data/vbp/ct01/CT01 --json results.jsonl`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: {
      json: { type: 'string' }, effort: { type: 'string' }, seed: { type: 'string' },
    } });
    if (positionals.length === 0) throw new UsageError('pack needs at least one FILE or DIR');
    const effort = integerOption(values.effort, 'effort', DEFAULT_PACK_EFFORT);
    const seed = integerOption(values.seed, 'seed', 1);
    const files = await vbpFiles(positionals, io.cwd);
    if (files.length === 0) throw new UsageError(`no .vbp files in ${positionals.join(', ')}`);
    // parse everything first: a bad file stops the run before anything is written
    const instances = await Promise.all(files.map(async (f) => ({ file: relative(io.cwd, f) || f, inst: parseVbp(await readFile(f, 'utf8'), relative(io.cwd, f) || f) })));
    const results = instances.map(({ file, inst }) => {
      const t = performance.now();
      const r = packVectors(inst.capacity, inst.items, { effort, seed });
      return { file, items: inst.items.length, r, elapsedMs: Math.round((performance.now() - t) * 100) / 100 };
    });
    if (values.json) {
      const text = results.map(({ file, r, elapsedMs }) => JSON.stringify({ file, bins: r.bins, lowerBound: r.lowerBound, assignment: r.assignment, elapsedMs })).join('\n') + '\n';
      await writeText(values.json, text, io);
      if (values.json === '-') return EXIT.ok;
    }
    io.stdout.write(table(['file', 'items', 'bins', 'lower bound', 'ms'], results.map(({ file, items, r, elapsedMs }) =>
      [file, String(items), String(r.bins), String(r.lowerBound), elapsedMs.toFixed(1)])));
    const atBound = results.filter(({ r }) => r.bins === r.lowerBound).length;
    io.stdout.write(`\n${atBound} of ${results.length} at the lower bound (effort ${formatDecimal(effort)}, seed ${seed}).\n`);
    return EXIT.ok;
  },
};
