import { resolve } from 'node:path';
import { concatSources, readPerfFile, type ReadOptions, type ReadSummary, type SampleSource } from '@hostplan/bench';
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
