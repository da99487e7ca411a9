import type { ReadProgress } from '@hostplan/bench';
import type { Io } from './io.js';

const WIDTH = 30;
const bar = (share: number) => {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * WIDTH);
  return `[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}]`;
};

/** A progress bar on standard error when it is a terminal (bytes, rate, time left); nothing otherwise. */
export function progressBar(io: Io): ((p: ReadProgress) => void) | undefined {
  if (!io.isTTY) return undefined;
  return (p) => {
    const pct = p.bytesTotal ? Math.min(100, (100 * p.bytesDone) / p.bytesTotal) : 0;
    io.stderr.write(`\r${p.file.slice(-40)} ${bar(pct / 100)} ${pct.toFixed(0).padStart(3)} % ${(p.rate / 1e6).toFixed(0)} MB/s ${Number.isFinite(p.secondsLeft) ? `${p.secondsLeft.toFixed(0)} s left` : ''}   `);
    if (p.bytesDone >= p.bytesTotal) io.stderr.write('\n');
  };
}

/**
 * A progress bar of counted steps (failure sets, placement constructions) on standard error when
 * it is a terminal; nothing otherwise. The line is cleared when the last step is done.
 *
 * @example
 * checkFailover(hosts, plan, { vms, k: 1, onProgress: countingBar(io, 'failover sets') });
 */
export function countingBar(io: Io, label: string): ((done: number, total: number) => void) | undefined {
  if (!io.isTTY) return undefined;
  return (done, total) => {
    io.stderr.write(`\r${label} ${bar(total ? done / total : 1)} ${done}/${total}   `);
    if (done >= total) io.stderr.write(`\r${' '.repeat(label.length + WIDTH + 2 * String(total).length + 8)}\r`);
  };
}
