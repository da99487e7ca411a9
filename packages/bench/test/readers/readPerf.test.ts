import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPerfFile, readPerfStream, writePdhCsv, type ReadProgress } from '@hostplan/bench';
import { collectingSink } from './helpers.js';

function sampleFile(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostplan-readperf-'));
  const file = join(dir, 'log.csv');
  const paths = ['\\\\H\\Processor(_Total)\\% Processor Time', '\\\\H\\Memory\\Available MBytes'];
  // row r: CPU r % 100, memory 1000 + r; every 7th CPU value missing
  const text = writePdhCsv(Array.from({ length: rows }, (_, r) => ({ timestampMs: Date.UTC(2024, 0, 1) + r * 15_000, values: [r % 7 === 0 ? NaN : r % 100, 1000 + r] })), { paths });
  writeFileSync(file, text);
  return file;
}

describe('readPerfFile(path, sink, options)', () => {
  it('reports progress: increasing bytes, a final report with every byte and no time left', async () => {
    const file = sampleFile(2000);
    const progress: ReadProgress[] = [];
    const s = await readPerfFile(file, collectingSink(), { chunkBytes: 4096, progressEveryBytes: 10_000, onProgress: (p) => progress.push(p) });
    expect(progress.length).toBeGreaterThan(3);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytesDone).toBeGreaterThan(progress[i - 1]!.bytesDone);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ file, bytesDone: s.bytes, bytesTotal: s.bytes, secondsLeft: 0 });
    expect(progress.every((p) => p.rate > 0 && p.secondsLeft >= 0)).toBe(true);
  });

  it('reading twice, with any chunk size, gives the same calls (two-pass statistics are exact)', async () => {
    const file = sampleFile(500);
    const a = collectingSink();
    const b = collectingSink();
    const sa = await readPerfFile(file, a);
    const sb = await readPerfFile(file, b, { chunkBytes: 4099 });
    expect(b.keys).toEqual(a.keys);
    expect(b.times).toEqual(a.times);
    expect(b.values).toEqual(a.values);
    // 500 rows: rows 0, 7, ..., 497 have no CPU value: 72 missing
    expect(sa.missing).toBe(72);
    expect({ ...sb, elapsedMs: 0 }).toEqual({ ...sa, elapsedMs: 0 });
    expect(a.values[1]![499]).toBe(1499);
  });

  it('an aborted signal stops the read with its reason', async () => {
    const file = sampleFile(2000);
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(readPerfFile(file, collectingSink(), { signal: controller.signal })).rejects.toThrow('stop now');
  });

  it('readPerfStream reads chunks from any iterable', async () => {
    const text = Buffer.from('"(PDH-CSV 4.0) (UTC)(0)","\\\\H\\A\\b"\r\n"01/01/2024 00:00:00.000","1"\r\n"01/01/2024 00:00:15.000","2"\r\n');
    async function* chunks() {
      for (let i = 0; i < text.length; i += 5) yield text.subarray(i, i + 5);
    }
    const sink = collectingSink();
    const s = await readPerfStream(chunks(), sink, { file: 'stream.csv' });
    expect(s).toMatchObject({ file: 'stream.csv', rows: 2, bytes: text.length });
    expect(sink.values).toEqual([[1, 2]]);
  });
});
