import { beforeEach, describe, expect, it, vi } from 'vitest';

const started = vi.hoisted(() => [] as number[]);
vi.mock('@hostplan/bench', () => ({ prestartStatsWorkers: (count: number) => started.push(count) }));
const { prestart } = await import('../src/prestart.js');
const { threadsOption } = await import('../src/threads.js');

describe('prestart(argv): statistics threads started before the command loads', () => {
  beforeEach(() => {
    started.length = 0;
  });

  it.each([
    [['bench', 'a.csv'], [threadsOption(undefined).threads]],
    [['-q', 'bench', 'a.csv', '--threads', '3'], [3]],
    [['bench', 'a.csv', '--threads=4'], [4]],
    [['plan', '--hosts', 'h.json', '--vms', 'v.json', '--perf', 'a.csv', '--threads', '2'], [2]],
  ])('%j starts %j', (argv, counts) => {
    prestart(argv);
    expect(started).toEqual(counts);
  });

  it.each([[['plan', '--hosts', 'h.json', '--vms', 'v.json']], [['bench', '--help']], [['bench', 'a.csv', '--threads', 'many']], [['capacity', '--hosts', 'h.json']], [[]]])('%j starts nothing', (argv) => {
    prestart(argv);
    expect(started).toEqual([]);
  });
});
