import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { seriesStatisticsOfFiles, writePdhCsvFile, type PdhRow } from '@hostplan/bench';

const dir = mkdtempSync(join(tmpdir(), 'hostplan-files-stats-'));
const files: string[] = [];

/** A host's log: guest run time and available memory, 15 s samples, every 11th cell blank. */
function* rows(seed: number, count: number): Generator<PdhRow> {
  for (let r = 0; r < count; r++) {
    const cpu = r % 11 === seed % 11 ? NaN : ((r * 37 + seed * 101) % 1000) / 10;
    yield { timestampMs: Date.UTC(2024, 0, 1) + r * 15_000, values: [cpu, 4096 + ((r * 13 + seed) % 2048)] };
  }
}

beforeAll(async () => {
  for (let f = 0; f < 3; f++) {
    const path = join(dir, `host${f}.csv`);
    const paths = [`\\\\HV${f}\\Hyper-V Hypervisor Virtual Processor(vm${f}:Hv VP 0)\\% Guest Run Time`, `\\\\HV${f}\\Memory\\Available MBytes`];
    await writePdhCsvFile(path, rows(f, 3000 + f * 500), { paths, zoneName: 'UTC', biasMinutes: 0 });
    files.push(path);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seriesStatisticsOfFiles(paths, options)', () => {
  it('gives on 2 worker threads exactly what it gives on the calling thread, file by file, in order (in-memory, spilled and two-pass)', async () => {
    const cases = [[{}, 'in-memory'], [{ memoryBudgetBytes: 4096 }, 'spilled'], [{ memoryBudgetBytes: 4096, spillDirectory: false as const }, 'two-pass']] as const;
    for (const [stats, method] of cases) {
      const sequential = await seriesStatisticsOfFiles(files, { workers: 0, stats });
      const parallel = await seriesStatisticsOfFiles(files, { workers: 2, stats });
      expect(parallel.map((f) => f.path)).toEqual(files);
      // everything equal but the reader's wall-clock elapsedMs
      const timeless = (fs: typeof sequential) => fs.map((f) => ({ ...f, summary: { ...f.summary, elapsedMs: 0 } }));
      expect(timeless(parallel)).toEqual(timeless(sequential));
      // each file's series stay its own: 2 series per file, counts from the generator
      // file 0: 3000 rows, cpu blank where r % 11 === 0 -> 273 blanks (0, 11, ..., 2992)
      expect(sequential[0]!.stats.series.map((s) => [s.count, s.missing])).toEqual([[3000 - 273, 273], [3000, 0]]);
      expect(sequential[2]!.summary.rows).toBe(4000);
      expect(sequential.every((f) => f.stats.series.every((s) => s.exact))).toBe(true);
      // 4 KiB holds 512 values: the workers spilled them to a file, or (without one) replayed their files
      expect(parallel[0]!.stats.series[0]!.method).toBe(method);
      expect(parallel[0]!.stats.passes).toBe(method === 'two-pass' ? 3 : 1);
    }
  }, 60_000);

  it('rejects options that cannot cross threads, and reports a missing file', async () => {
    await expect(seriesStatisticsOfFiles(files, { workers: 1, stats: { canonicalKey: (k) => k } })).rejects.toThrow(HostplanError);
    await expect(seriesStatisticsOfFiles([join(dir, 'missing.csv')], { workers: 1 })).rejects.toThrow(/missing\.csv/);
  }, 60_000);
});
