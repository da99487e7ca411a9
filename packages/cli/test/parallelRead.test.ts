import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePdhCsv } from '@hostplan/bench';
import { main } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'hostplan-cli-parallel-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  let stderr = '';
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, isTTY: false };
  return main(args, io).then((code) => ({ code, stderr }));
}

describe('hostplan bench on a log over 16 MiB (its rows parsed on a worker thread from --threads 4 on)', () => {
  it('writes the same JSON on --threads 1 (one thread), 2 (a statistics worker) and 4 (two statistics workers and a parse worker), issues and read summary included', async () => {
    const paths = ['\\\\HV01\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time', '\\\\HV01\\Hyper-V Hypervisor Virtual Processor(web01:Hv VP 0)\\% Guest Run Time', '\\\\HV01\\Memory\\Available MBytes', '\\\\HV01\\LogicalDisk(C:, data)\\Disk Transfers/sec'];
    const text = writePdhCsv(Array.from({ length: 200_000 }, (_, r) => ({
      timestampMs: Date.UTC(2024, 2, 4) + r * 15_000,
      values: [((r * 37) % 1013) / 10.3, r % 17 === 0 ? NaN : ((r * 11) % 997) / 9.7, 1000 + ((r * 91) % 4001) / 3, ((r * 7) % 211) * 1.01],
    })), { paths });
    const lines = text.split('\r\n');
    lines.splice(70_000, 0, '"03/05/2024 05:00:00.000","x","1","2","3"', ''); // a damaged row and a blank line mid-file
    writeFileSync(join(dir, 'big.csv'), lines.join('\r\n'));
    expect(statSync(join(dir, 'big.csv')).size).toBeGreaterThan(16 << 20);
    const json = async (threads: string) => {
      expect((await run(['bench', 'big.csv', '--threads', threads, '--json', `out${threads}.json`])).code).toBe(0);
      const out = JSON.parse(readFileSync(join(dir, `out${threads}.json`), 'utf8'), (key, value) => (key === 'elapsedMs' ? undefined : value)) as { assumptions: { name: string }[] };
      return { ...out, assumptions: out.assumptions.filter((a) => a.name !== 'stats.threads') };
    };
    const one = await json('1');
    expect(await json('2')).toEqual(one);
    expect(await json('4')).toEqual(one);
    expect(JSON.stringify(one)).toContain('non-numeric');
  }, 120_000);
});
