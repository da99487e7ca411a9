import { describe, expect, it } from 'vitest';
import { seriesStatistics, type SampleSource } from '@hostplan/bench';
import { prestartStatsWorkers, takeStatsWorkers } from '../../src/stats/parallel/warmStart.js';
import { key } from './memorySource.js';

const MIN = 60_000;
/** Three series over two hours, a value missing now and then. */
const source: SampleSource = async (sink) => {
  for (let i = 0; i < 3; i++) sink.series(i, key(`c${i}`));
  for (let r = 0; r < 120; r++) for (let i = 0; i < 3; i++) sink.sample(i, r * MIN, (r * 7 + i * 13) % 11 === 0 ? NaN : ((r * 37 + i * 101) % 97) + i);
};
const withoutThreads = (r: Awaited<ReturnType<typeof seriesStatistics>>) => ({ ...r, assumptions: r.assumptions.filter((a) => a.name !== 'stats.threads') });

describe('prestartStatsWorkers(count)', () => {
  it('hands its workers to the next run of that many workers (threads - 1), which gives what one thread gives', async () => {
    const one = await seriesStatistics(source);
    prestartStatsWorkers(2);
    const three = await seriesStatistics(source, { threads: 3 });
    expect(withoutThreads(three)).toEqual(withoutThreads(one));
    expect(takeStatsWorkers(2)).toBeNull(); // the run took them
  });

  it('a run of another count stops them and starts its own, with the same results', async () => {
    const one = await seriesStatistics(source);
    prestartStatsWorkers(3);
    const two = await seriesStatistics(source, { threads: 2 });
    expect(withoutThreads(two)).toEqual(withoutThreads(one));
    expect(takeStatsWorkers(3)).toBeNull();
  });

  it('starts nothing for fewer than 1 worker or a count that is not whole', () => {
    for (const count of [0, -1, 1.5, Number.NaN]) {
      prestartStatsWorkers(count);
      expect(takeStatsWorkers(count)).toBeNull();
    }
  });
});
