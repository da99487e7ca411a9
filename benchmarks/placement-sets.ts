// Benchmark sets for `npm run bench:placement`: CT01 and the three Mommessin et al. sets.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataRoot } from '../scripts/dataRoot.mjs';

/** One instance: where its `.vbp` file is, the optimum (or lower bound) and the published best. */
export interface BenchInstance {
  readonly name: string;
  readonly file: string;
  /** Optimum when known, else the lower bound. */
  readonly reference: number;
  readonly optimumKnown: boolean;
  /** Best published heuristic result on this instance, when the set lists one. */
  readonly publishedBest?: number;
}

export const DATA = join(dataRoot(), 'vbp') + '/';
const BENCH = fileURLToPath(new URL('../.bench/', import.meta.url));

function requireData(path: string): void {
  if (!existsSync(path)) throw new Error(`benchmark data missing: ${path} (the public data sets: HOSTPLAN_DATA, else ../shared/data beside the repository, with vbp/ in it)`);
}

/** The 400 Caprara-Toth two-dimensional instances with their proven optima. */
export function ct01(): BenchInstance[] {
  const csv = DATA + 'ct01/ct2dvpp_optima.csv';
  requireData(csv);
  const [head, ...rows] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const at = (name: string) => cols.indexOf(name);
  return rows.map((r) => r.split(',')).map((c) => ({
    name: c[at('file')]!, file: DATA + 'ct01/' + c[at('file')]!, reference: Number(c[at('opt')]), optimumKnown: true,
  })).sort((a, b) => a.name.localeCompare(b.name));
}

/** A Mommessin et al. set ('New', 'Panigrahy' or 'Triplet'), its tarball extracted into `.bench/` with the system tar. */
export function mommessin(set: 'New' | 'Panigrahy' | 'Triplet'): BenchInstance[] {
  const csv = DATA + 'mommessin/multidim_optima.csv';
  requireData(csv);
  const out = BENCH + 'mommessin/';
  const tarball = DATA + `mommessin/${set}_instances.tar.gz`;
  requireData(tarball);
  if (!existsSync(out + `${set}_instances_multidim`)) {
    mkdirSync(out, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', out]);
  }
  const [head, ...rows] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const at = (name: string) => cols.indexOf(name);
  return rows.map((r) => r.split(',')).filter((c) => c[at('benchmark')] === set).map((c) => {
    const opt = Number(c[at('OPT')]);
    return {
      name: c[at('instance')]!,
      file: out + c[at('member')]!.split('#')[1]!,
      reference: opt > 0 ? opt : Number(c[at('LB')]),
      optimumKnown: opt > 0,
      publishedBest: Number(c[at('best_heuristic')]),
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
}
