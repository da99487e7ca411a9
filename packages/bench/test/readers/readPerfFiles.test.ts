import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { readPerfFile, readPerfFiles, type ReadProgress } from '@hostplan/bench';
import { collectingSink, sharedData } from './helpers.js';

describe('readPerfFiles(paths, sinkFor) on worker threads', () => {
  it('gives every file the same calls, in the same order, as readPerfFile on the main thread', async () => {
    const files = [
      [join(sharedData('perfmon'), 'us-eastern-process.csv'), {}],
      [join(sharedData('perfmon'), 'spanish-cp1252-system.tsv'), {}],
      [join(sharedData('sysstat'), 'expected.sadf-d'), {}],
      [join(sharedData('bitbrains'), '166.csv'), {}],
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

  it('a missing file rejects naming it', async () => {
    await expect(readPerfFiles(['/nonexistent/x.csv'], () => collectingSink())).rejects.toThrow(/x\.csv/);
  });
});
