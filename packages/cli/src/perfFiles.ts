import { resolve } from 'node:path';
import { concatSources, readPerfFile, type ReadOptions, type ReadProgress, type ReadSummary, type SampleSource } from '@hostplan/bench';
import type { Io } from './io.js';

/**
 * A replayable sample source over perf counter files (statistics may read them more than once)
 * and the read summaries of the first pass.
 *
 * @example
 * const { source, summaries } = perfFilesSource(['data/perf/hv01.csv'], {}, io);
 * const r = await measureDemand(source); // summaries[0].rows => 2016
 */
export function perfFilesSource(files: readonly string[], readOptions: ReadOptions, io: Io): { source: SampleSource; summaries: ReadSummary[] } {
  const summaries: ReadSummary[] = [];
  let firstPass = true;
  const all = concatSources(files.map((file) => async (sink) => {
    const summary = await readPerfFile(resolve(io.cwd, file), sink, { ...readOptions, file });
    if (firstPass) summaries.push(summary);
  }));
  const source: SampleSource = async (sink) => {
    await all(sink);
    firstPass = false;
  };
  return { source, summaries };
}

/** A progress bar on standard error when it is a terminal (bytes, rate, time left); nothing otherwise. */
export function progressBar(io: Io): ((p: ReadProgress) => void) | undefined {
  if (!io.isTTY) return undefined;
  return (p) => {
    const pct = p.bytesTotal ? Math.min(100, (100 * p.bytesDone) / p.bytesTotal) : 0;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    io.stderr.write(`\r${p.file.slice(-40)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${pct.toFixed(0).padStart(3)} % ${(p.rate / 1e6).toFixed(0)} MB/s ${Number.isFinite(p.secondsLeft) ? `${p.secondsLeft.toFixed(0)} s left` : ''}   `);
    if (p.bytesDone >= p.bytesTotal) io.stderr.write('\n');
  };
}
