import { beforeEach, describe, expect, it, vi } from 'vitest';

const started = vi.hoisted(() => [] as { threads?: number; parseWorkers?: number }[]);
vi.mock('@hostplan/bench/prestart', () => ({ prestartWorkers: (o: { threads?: number; parseWorkers?: number }) => started.push(o) }));
const { prestart } = await import('../src/prestart.js');
const { threadPlan, threadsOption } = await import('../src/threads.js');
const both = (threads: number) => ({ threads: threadPlan(threads).statistics, parseWorkers: threadPlan(threads).parseWorkers });

describe('prestart(argv): statistics threads started before the command loads', () => {
  beforeEach(() => {
    started.length = 0;
  });

  it.each([
    [['bench', 'a.csv'], [both(threadsOption(undefined).threads)]],
    [['-q', 'bench', 'a.csv', '--threads', '3'], [both(3)]],
    [['bench', 'a.csv', '--threads=4'], [both(4)]],
    [['bench', 'a.csv', '--threads', '1'], [{ threads: 1, parseWorkers: 0 }]],
    [['bench', 'a.csv', '--threads', '2'], [{ threads: 2, parseWorkers: 0 }]],
    [['bench', 'a.csv', '--threads', '4'], [{ threads: 3, parseWorkers: 1 }]],
    [['plan', '--hosts', 'h.json', '--vms', 'v.json', '--perf', 'a.csv', '--threads', '2'], [both(2)]],
  ])('%j starts %j', (argv, counts) => {
    prestart(argv);
    expect(started).toEqual(counts);
  });

  it.each([[['plan', '--hosts', 'h.json', '--vms', 'v.json']], [['bench', '--help']], [['bench', 'a.csv', '--threads', 'many']], [['bench', 'a.csv', '--threads', '0']], [['bench', 'a.csv', '--threads=2.5']], [['bench', 'a.csv', '--threads', ' ']], [['capacity', '--hosts', 'h.json']], [[]]])('%j starts nothing', (argv) => {
    prestart(argv);
    expect(started).toEqual([]);
  });
});
