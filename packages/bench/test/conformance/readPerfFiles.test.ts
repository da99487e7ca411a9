import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { readPerfFile, readPerfFiles, readPerfFilesInWorkers, writePdhCsv, type ReadProgress } from '@hostplan/bench';
import { countSink } from '../readers/fixtures/countSink.js';
import { collectingSink } from '../readers/helpers.js';
import { dataFolder } from './dataFolder.js';

describe('readPerfFiles(paths, sinkFor) on worker threads', () => {
  it('gives every file the same calls, in the same order, as readPerfFile on the main thread', async () => {
    const files = [
      [join(dataFolder('perfmon'), 'us-eastern-process.csv'), {}],
      [join(dataFolder('perfmon'), 'spanish-cp1252-system.tsv'), {}],
      [join(dataFolder('sysstat'), 'expected.sadf-d'), {}],
      [join(dataFolder('bitbrains'), '166.csv'), {}],
    ] as const;
    const paths = files.map(([p]) => p);
    const sinks = paths.map(() => collectingSink());
    const progress: ReadProgress[] = [];
    const summaries = await readPerfFiles(paths, (_, i) => sinks[i]!, { concurrency: 2, onProgress: (p) => progress.push(p) });
    for (let i = 0; i < paths.length; i++) {
      const direct = collectingSink();
      const s = await readPerfFile(paths[i]!, direct);
      expect(summaries[i]).toMatchObject({ file: paths[i], format: s.format, rows: s.rows, samples: s.samples, series: s.series, issueCount: s.issueCount });
      expect(sinks[i]!.keys).toEqual(direct.keys);
      expect(sinks[i]!.times).toEqual(direct.times);
      expect(sinks[i]!.values).toEqual(direct.values);
      expect(sinks[i]!.issues).toEqual(direct.issues);
      expect(sinks[i]!.events).toEqual(direct.events);
    }
    // one final progress report per file, with all bytes done
    for (const path of paths) expect(progress.some((p) => p.file === path && p.bytesDone === p.bytesTotal && p.secondsLeft === 0)).toBe(true);
  });

  it('a strict-mode issue in one file rejects with the HostplanError of that file:line:column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-readers-'));
    const good = join(dir, 'good.csv');
    const bad = join(dir, 'bad.csv');
    const head = '"(PDH-CSV 4.0) (UTC)(0)","\\\\H\\Memory\\Available MBytes"\r\n';
    writeFileSync(good, head + '"01/01/2024 00:00:00.000","1"\r\n');
    writeFileSync(bad, head + '"01/01/2024 00:00:00.000","1"\r\n"01/01/2024 00:00:15.000","x"\r\n');
    const error = await readPerfFiles([good, bad], () => collectingSink(), { strict: true, concurrency: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostplanError);
    expect(error).toMatchObject({ code: 'parse-error', path: `${bad}:3:2` });
  });

  it('readPerfFilesInWorkers: sinks built in the workers return what a main-thread sink computes', async () => {
    const paths = [join(dataFolder('perfmon'), 'india-logicaldisk.csv'), join(dataFolder('bitbrains'), '166.csv'), join(dataFolder('perfmon'), 'us-eastern-process.csv')];
    const results = await readPerfFilesInWorkers<ReturnType<ReturnType<typeof countSink>['result']>>(
      paths,
      { url: new URL('../readers/fixtures/countSink.ts', import.meta.url), exportName: 'countSink' },
      { concurrency: 2 },
    );
    for (let i = 0; i < paths.length; i++) {
      const direct = countSink(paths[i]!, i);
      const s = await readPerfFile(paths[i]!, direct);
      expect(results[i]!.summary.samples).toBe(s.samples);
      expect(results[i]!.result).toEqual(direct.result());
    }
  });

  it('more sample batches than may be in flight: the worker waits for acknowledgements and every sample arrives in order', async () => {
    // 40 series x 20,000 rows = 800,000 samples = 13 batches of 65,536, above the 8 in flight
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-readers-'));
    const file = join(dir, 'big.csv');
    const paths = Array.from({ length: 40 }, (_, i) => `\\\\H\\Obj(${i})\\c`);
    writeFileSync(file, writePdhCsv(Array.from({ length: 20_000 }, (_, r) => ({ timestampMs: r * 1000, values: paths.map((_, i) => r * 40 + i) })), { paths }));
    let expected = 0;
    let inOrder = true;
    const summaries = await readPerfFiles([file], () => ({
      series() {},
      sample(index, t, v) {
        if (v !== expected || t !== Math.floor(expected / 40) * 1000 || index !== expected % 40) inOrder = false;
        expected++;
      },
    }), { concurrency: 1 });
    expect(summaries[0]!.samples).toBe(800_000);
    expect(expected).toBe(800_000);
    expect(inOrder).toBe(true);
  });

  it('a missing file rejects naming it', async () => {
    await expect(readPerfFiles(['/nonexistent/x.csv'], () => collectingSink())).rejects.toThrow(/x\.csv/);
  });
});
