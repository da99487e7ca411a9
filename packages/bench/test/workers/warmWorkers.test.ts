import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WarmWorkers } from '../../src/workers/warmWorkers.js';

const idle = () => new Worker("require('node:worker_threads').parentPort.on('message', () => {})", { eval: true });
const failing = () => new Worker("throw new Error('boot failed')", { eval: true });

describe('WarmWorkers (threads started ahead of a run)', () => {
  it('hands the started workers over once to a run of that count; none to another count or a second take', async () => {
    const warm = new WarmWorkers(idle);
    warm.prestart(2);
    const taken = warm.take(2);
    expect(taken).toHaveLength(2);
    expect(warm.take(2)).toBeNull();
    await Promise.all(taken!.map((w) => w.terminate()));
    warm.prestart(2);
    expect(warm.take(3)).toBeNull(); // stopped: the run starts its own
  });

  it('does not hand over a worker that failed while waiting, and its error is not thrown at nobody', async () => {
    const warm = new WarmWorkers(failing);
    warm.prestart(1);
    // the failure happens before any run listens: it must not surface as an uncaught error
    await new Promise((r) => setTimeout(r, 300));
    expect(warm.take(1)).toBeNull();
  });

  it('starts nothing below its minimum, for a count that is not whole, or while workers wait', () => {
    let started = 0;
    const warm = new WarmWorkers(() => {
      started++;
      return idle();
    });
    warm.prestart(1, 2);
    warm.prestart(1.5);
    expect(started).toBe(0);
    warm.prestart(1);
    warm.prestart(1);
    expect(started).toBe(1);
    void warm.take(0); // another count: stopped
  });
});
